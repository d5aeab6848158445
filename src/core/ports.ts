// Index of the aggregates' ports, kept so older imports still compile. New code imports the aggregate's
// own module (e.g. core/incident/ports.ts, core/store-ports.ts for Tx/Store/CoreDeps), not this file.
export * from './action/ports.js';
export type * from './channel/ports.js';
export type * from './event/ports.js';
export type * from './idempotency/ports.js';
export type * from './incident/ports.js';
export type { OutboxMessage, OutboxRepo } from './outbox/ports.js';
export type * from './participant/ports.js';
export type * from './shared/page.js';
export type * from './store-ports.js';
export type * from './timeline/ports.js';
export type * from './token/ports.js';
export type * from './user/ports.js';
