import type { StatusPageView } from '../../core/status-page/read-status-page.js';

/**
 * The last page read that succeeded, kept in memory: when the database cannot be read the status
 * page keeps answering with it (marked stale) instead of failing exactly when people look at it.
 * Per process, on purpose: each replica serves what it last saw.
 */
export class LastGoodStatusPage {
  private view: StatusPageView | null = null;

  /** Reads the page; on failure, the last good view marked stale (or the error, when there was none yet). */
  async read(load: () => Promise<StatusPageView>, onError: (err: unknown) => void): Promise<{ view: StatusPageView; stale: boolean }> {
    try {
      const view = await load();
      this.view = view;
      return { view, stale: false };
    } catch (err) {
      onError(err);
      if (!this.view) throw err;
      return { view: this.view, stale: true };
    }
  }
}
