import { describe, expect, it } from 'vitest';
import { LatestWins } from '../../src/slack/latest-wins.js';

describe('LatestWins', () => {
  it('five requests while a run is in flight make one follow-up run, which sees the latest state', async () => {
    const runs = new LatestWins();
    let state = 0;
    const rendered: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const render = (wait?: Promise<void>) => async () => {
      const seen = state;
      if (wait) await wait;
      rendered.push(seen);
    };
    state = 1;
    const first = runs.run('headline:1', render(gate));
    await new Promise((r) => setImmediate(r));
    const followUps = [2, 3, 4, 5, 6].map((n) => {
      state = n;
      return runs.run('headline:1', render());
    });
    expect(runs.busyKeys).toBe(1);
    release();
    await Promise.all([first, ...followUps]);
    expect(rendered).toEqual([1, 6]);
    expect(runs.busyKeys).toBe(0);
  });

  it('requests handed in together make one run; keys run in parallel; a failure reaches everyone it covered and the next run still goes', async () => {
    const runs = new LatestWins();
    const started: string[] = [];
    const a = [1, 2, 3].map(() =>
      runs.run('a', async () => {
        started.push('a');
        throw new Error('slack said no');
      }),
    );
    const b = runs.run('b', async () => {
      started.push('b');
    });
    const settled = await Promise.allSettled([...a, b]);
    expect(started.sort()).toEqual(['a', 'b']);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected', 'fulfilled']);
    await runs.run('a', async () => {
      started.push('a again');
    });
    expect(started).toContain('a again');
  });

  it('runs one at a time per key: a follow-up never overlaps the run before it', async () => {
    const runs = new LatestWins();
    let inFlight = 0;
    let most = 0;
    const work = async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
    };
    const all: Promise<void>[] = [];
    for (let i = 0; i < 10; i++) {
      all.push(runs.run('k', work));
      await new Promise((r) => setTimeout(r, 2));
    }
    await Promise.all(all);
    expect(most).toBe(1);
  });
});
