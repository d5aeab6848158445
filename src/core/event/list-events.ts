import type { ChangeLogEvent, CoreDeps, Page } from '../ports.js';
import { invalid } from '../shared/errors.js';

/** The change log for external consumers, oldest first, between `from` and `to`. */
export async function listChangeEvents(deps: CoreDeps, input: { from?: Date; to?: Date; limit: number; cursor: string | null }): Promise<Page<ChangeLogEvent>> {
  if (input.from && input.to && input.from > input.to) throw invalid('from', 'from must be before to');
  return deps.store.changeLog.list(input.from, input.to, input.limit, input.cursor);
}
