import { api } from './api';
import type { Page } from './types';

/** Follows `next` cursors to the end; the API caps a page at 200. */
export async function fetchAll<T>(path: string, signal?: AbortSignal, onPage?: (soFar: T[]) => void): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const sep: string = path.includes('?') ? '&' : '?';
    const page: Page<T> = await api.get<Page<T>>(`${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, signal);
    all.push(...page.results);
    cursor = page.next;
    if (cursor) onPage?.([...all]);
  } while (cursor);
  return all;
}
