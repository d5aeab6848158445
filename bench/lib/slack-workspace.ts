/** The emulated workspace the Slack scenarios use: the fixture identities plus 15 bench responders (20 people). */
export const BENCH_PEOPLE = Array.from({ length: 15 }, (_, i) => `U0BENCH${String(i).padStart(2, '0')}`);
export const RESPONDERS = ['U0ALICE', 'U0BOB', 'U0CAROL', 'U0DAVE', 'U0ERIN', ...BENCH_PEOPLE];
/** The incident comms channel that message events and button presses happen in. */
export const BENCH_COMMS_CHANNEL = { id: 'C0BENCHCOMMS', name: 'inc-bench-comms' };

/** Channels of the sweep scenario's open incidents: `CSWEEP1`, `CSWEEP2`…; those ending in 00 exist in the emulator. */
export const SWEEP_CHANNEL_PREFIX = 'CSWEEP';
/** The emulated channels for the due 1% of up to `maxOpen` sweep incidents. */
export function sweepChannels(maxOpen: number): { id: string; name: string }[] {
  return Array.from({ length: Math.floor(maxOpen / 100) }, (_, i) => ({ id: `${SWEEP_CHANNEL_PREFIX}${(i + 1) * 100}`, name: `inc-sweep-${(i + 1) * 100}` }));
}
