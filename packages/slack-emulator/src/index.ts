export { startSlackEmulator, SlackEmulator, type SlackEmulatorOptions, type DeliverEventOptions } from './emulator.js';
export { SlackUserActor, type CommandResult } from './driver/actor.js';
export type { InteractionResult } from './driver/clicks.js';
export type { SubmitResult, ViewValues } from './driver/modals.js';
export type { ElementInput } from './driver/elements.js';
export type { DeliveryResult, DeliveryLogEntry, EventDelivery, RawRequest } from './driver/deliver.js';
export type { RecordedCall } from './api.js';
export type { FaultSpec, OutageSpec, RateLimit, RateLimitedCounts, RateLimitsOption } from './faults.js';
export {
  rateLimitFloorMs,
  slackRateLimits,
  SLACK_METHOD_TIERS,
  SLACK_POST_PER_CHANNEL,
  SLACK_POST_PER_WORKSPACE,
  SLACK_RATE_LIMITS,
  SLACK_TIERS,
  SlackRateLimiter,
  type BucketLimit,
  type ResolvedRateLimits,
  type SlackRateLimitOptions,
  type SlackTier,
  type WorkloadItem,
} from './rate-limits.js';
export { SLACK_EVENT_RETRIES, type EventRetriesOption, type EventRetryPolicy, type ScheduledRetry } from './event-retries.js';
export type { OpenIdClient } from './methods/openid.js';
export { computeSlackSignature, signSlackRequest, verifySlackSignature, type SignedHeaders } from './signing.js';
export { validateMessageBlocks, validateView } from './block-kit-limits.js';
export { normalizeBlocks } from './normalize.js';
export { buildInitialState, DEFAULT_CHANNELS, DEFAULT_PEOPLE, type ChannelSeed, type PersonSeed, type WorkspaceSeed } from './seed.js';
export type * from './types.js';
export { startFakeSlackApp, type FakeSlackApp, type FakeAppAnswer, type FakeAppHandler, type ReceivedRequest } from './fake-app.js';
export type { DisconnectReason, SocketEnvelopeRecord, SocketModeServer } from './socket-mode/socket-server.js';
export type { EnvelopeType } from './socket-mode/envelopes.js';
// For a host that serves the emulator's pages and control API from its own server (Response's sandbox).
export { handleControl } from './control-api.js';
export { openIdPage, type OpenIdPageOptions } from './openid-pages.js';
export type { HttpAnswer } from './http-server.js';
// Slack-shaped random ids, drawn from the same pool as the emulator's own (the benchmark mints trigger ids with it).
export { randomHex } from './workspace.js';
