import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declareIncident } from '../../src/core/incident/declare.js';
import { systemClock } from '../../src/core/shared/context.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Replicas race to post an incident's first headline: exactly one may, and a dead claim expires. */
describe('first headline claim', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets one claimer post, hands a released or stale claim over, and never re-claims a posted headline', async () => {
    const repo = t.app.core.store.headlinePosts;
    const { id } = await declareIncident(t.app.core, { actor: { kind: 'system', job: 'test' }, clock: systemClock }, { report: 'Claim me' });
    const now = new Date();
    const lease = (ms: number) => new Date(now.getTime() - ms);
    const claims = await Promise.all([1, 2, 3].map(() => repo.claimFirstPost(id, 'C1', now, lease(60_000))));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await repo.claimFirstPost(id, 'C1', now, lease(60_000))).toBe(false);
    // A claim older than the lease is taken over (its poster died).
    expect(await repo.claimFirstPost(id, 'C1', new Date(now.getTime() + 120_000), new Date(now.getTime() + 60_000))).toBe(true);
    await repo.releaseFirstPost(id);
    expect(await repo.claimFirstPost(id, 'C1', now, lease(60_000))).toBe(true);
    await repo.save({ incidentId: id, channelId: 'C1', messageTs: '1.000100' });
    expect(await repo.claimFirstPost(id, 'C1', new Date(now.getTime() + 600_000), new Date(now.getTime() + 500_000))).toBe(false);
    expect(await repo.get(id)).toEqual({ incidentId: id, channelId: 'C1', messageTs: '1.000100' });
  });
});
