// Helpers for the emulator's own tests: Slack's reference payloads and the real WebClient pointed at a fresh emulator.
import { readFileSync } from 'node:fs';
import { LogLevel, WebClient } from '@slack/web-api';
import { startSlackEmulator, type SlackEmulator } from '../src/index.js';

const fixtures = new URL('./fixtures/', import.meta.url);

/** A Slack reference payload from test/fixtures (found beside this file, whatever the working directory). */
export const fixture = (name: string) => JSON.parse(readFileSync(new URL(name, fixtures), 'utf8')) as Record<string, unknown>;

/** Slack's body of a rejected WebClient call (without the empty response_metadata the client adds). */
export async function failure(p: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await p;
  } catch (err) {
    const body = (err as { data?: Record<string, unknown> }).data;
    if (!body) return { error: String(err) };
    const { response_metadata: meta, ...data } = body;
    return meta && Object.keys(meta).length ? { ...data, response_metadata: meta } : data;
  }
  throw new Error('expected the call to fail');
}

/** The `error` code of a rejected WebClient call. */
export const slackError = async (p: Promise<unknown>) => (await failure(p)).error;

/** A fresh emulator and the real WebClient pointed at it, without retries so errors show as Slack sent them. */
export async function startEmulatorWithClient(): Promise<{ emulator: SlackEmulator; client: WebClient }> {
  const emulator = await startSlackEmulator({ signingSecret: 'secret' });
  const client = new WebClient('xoxb-test', { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
  return { emulator, client };
}
