import type { SlackObject } from './types.js';

/** A Web API error: becomes HTTP 200 `{"ok":false,"error":code,...extra}`, as Slack answers every error but rate limits. */
export class SlackApiError extends Error {
  constructor(
    readonly code: string,
    readonly extra: SlackObject = {},
  ) {
    super(code);
    this.name = 'SlackApiError';
  }
}

export function fail(code: string, extra?: SlackObject): never {
  throw new SlackApiError(code, extra);
}
