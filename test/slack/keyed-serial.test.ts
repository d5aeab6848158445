import { describe, expect, it } from 'vitest';
import { KeyedSerial } from '../../src/slack/keyed-serial.js';

const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('KeyedSerial', () => {
  it('runs one key in arrival order even when earlier work is slower', async () => {
    const serial = new KeyedSerial();
    const done: string[] = [];
    await Promise.all([
      serial.run('a', async () => {
        await later(30);
        done.push('pin');
      }),
      serial.run('a', async () => {
        done.push('unpin');
      }),
      serial.run('a', async () => {
        await later(5);
        done.push('pin again');
      }),
    ]);
    expect(done).toEqual(['pin', 'unpin', 'pin again']);
    expect(serial.busyKeys).toBe(0);
  });

  it('lets different keys overlap, and a failure neither blocks the queue nor hides its error', async () => {
    const serial = new KeyedSerial();
    const done: string[] = [];
    const slow = serial.run('a', async () => {
      await later(30);
      done.push('a');
    });
    const failing = serial.run('b', async () => {
      throw new Error('boom');
    });
    const after = serial.run('b', async () => {
      done.push('b after failure');
      return 42;
    });
    await expect(failing).rejects.toThrow('boom');
    expect(await after).toBe(42);
    expect(done).toEqual(['b after failure']);
    await slow;
    expect(done).toEqual(['b after failure', 'a']);
  });
});
