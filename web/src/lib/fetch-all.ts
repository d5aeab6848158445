import { api } from './api';
import type { Page } from './types';

/** Follows `next` cursors to the end, `pageSize` at a time (most lists cap a page at 200; the timeline at 1,000). */
export async function fetchAll<T>(path: string, signal?: AbortSignal, onPage?: (soFar: T[]) => void, pageSize = 200, firstPageSize = pageSize): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const sep: string = path.includes('?') ? '&' : '?';
    const page: Page<T> = await api.get<Page<T>>(`${path}${sep}limit=${all.length === 0 ? firstPageSize : pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, signal);
    all.push(...page.results);
    cursor = page.next;
    if (cursor) onPage?.([...all]);
  } while (cursor);
  return all;
}
