import { expect, it } from 'vitest';
import { startTestApp } from '../support/test-app.js';

it('finishes in-flight requests on close, refuses new ones, and closes the database', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const t = await startTestApp({
    // A route that stays in flight until we let it go, standing in for slow work.
    beforeListen: (app) =>
      void app.http.get('/test/slow', async () => {
        await gate;
        return { done: true };
      }),
  });
  const inFlight = fetch(`${t.baseUrl}/test/slow`).then(async (r) => ({ status: r.status, body: await r.json() }));
  await new Promise((r) => setTimeout(r, 100));
  const closing = t.close();
  await new Promise((r) => setTimeout(r, 100));
  await expect(fetch(`${t.baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow(/fetch failed/);
  release();
  expect(await inFlight).toEqual({ status: 200, body: { done: true } });
  await closing;
  expect(await t.app.database.ping().catch(() => false)).toBe(false);
});
