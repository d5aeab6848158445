import { describe, expect, it } from 'vitest';
import { Poller } from '../../src/jobs/poller.js';

/** A pass that waits until the test lets it finish, so kicks can land while it runs. */
function gatedPasses() {
  let passes = 0;
  let release: () => void = () => {};
  const pass = () => {
    passes += 1;
    return new Promise<void>((resolve) => (release = resolve));
  };
  return { pass, finish: () => release(), count: () => passes };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('the poller the outbox and the inbox replay share', () => {
  it('runs one pass at a time; a kick during a pass runs one more after it when asked to', async () => {
    const gate = gatedPasses();
    const poller = new Poller({ pollMs: 60_000, pass: gate.pass, onError: () => {}, rerunWhenKickedDuringPass: true });
    poller.kick();
    poller.kick();
    poller.kick();
    expect(gate.count()).toBe(1);
    gate.finish();
    await tick();
    expect(gate.count()).toBe(2); // the three kicks during the first pass make one more, not three
    gate.finish();
    await poller.idle();
    expect(gate.count()).toBe(2);
  });

  it('drops a kick during a pass when not asked to rerun', async () => {
    const gate = gatedPasses();
    const poller = new Poller({ pollMs: 60_000, pass: gate.pass, onError: () => {}, rerunWhenKickedDuringPass: false });
    poller.kick();
    poller.kick();
    gate.finish();
    await poller.idle();
    expect(gate.count()).toBe(1);
  });

  it('runs again when the pass itself asks (new work it made), reports a failed pass and carries on', async () => {
    const errors: unknown[] = [];
    let passes = 0;
    const poller: Poller = new Poller({
      pollMs: 60_000,
      pass: async () => {
        passes += 1;
        if (passes === 1) poller.passAgain();
        if (passes === 2) throw new Error('database down');
      },
      onError: (err) => errors.push(err),
      rerunWhenKickedDuringPass: false,
    });
    poller.kick();
    await poller.idle();
    expect(passes).toBe(2);
    expect(errors).toEqual([new Error('database down')]);
    poller.kick();
    await poller.idle();
    expect(passes).toBe(3);
  });

  it('stop waits for the pass under way and takes no kicks after it', async () => {
    const gate = gatedPasses();
    const poller = new Poller({ pollMs: 60_000, pass: gate.pass, onError: () => {}, rerunWhenKickedDuringPass: true });
    poller.start();
    expect(gate.count()).toBe(1);
    let stopped = false;
    const stopping = poller.stop().then(() => (stopped = true));
    await tick();
    expect(stopped).toBe(false);
    expect(poller.stopped).toBe(true);
    gate.finish();
    await stopping;
    poller.kick();
    expect(gate.count()).toBe(1);
  });
});
