import pino from 'pino';
import { loadConfig } from '../../src/config/config.js';
import { systemClock, type Clock } from '../../src/core/shared/context.js';
import { createApiToken } from '../../src/core/token/create-token.js';
import { createApp, type App, type AppOptions } from '../../src/main/app.js';
import { freshDatabase } from './test-database.js';

export interface TestApp {
  app: App;
  baseUrl: string;
  /** A bearer token for the API. */
  token: string;
  databaseUrl: string | null;
  /** fetch against the running app with the token, JSON in and out. */
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

/** Starts the real app (HTTP on a random port, a fresh real database) the way `npm start` would. */
export async function startTestApp(
  options: { env?: Record<string, string>; clock?: Clock; beforeListen?: (app: App) => void | Promise<void>; appOptions?: Partial<Omit<AppOptions, 'config' | 'clock' | 'database'>> } = {},
): Promise<TestApp> {
  const db = await freshDatabase();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', OUTBOX_POLL_MS: '50', NODE_ENV: 'test', ...options.env });
  let app: App;
  try {
    app = await createApp({ config, clock: options.clock ?? systemClock, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), database: db.options, ...options.appOptions });
  } catch (err) {
    // Start-up failures are tested too; don't leave their databases behind.
    await db.drop();
    throw err;
  }
  await options.beforeListen?.(app);
  const address = await app.listen();
  const baseUrl = address.replace('[::1]', '127.0.0.1');
  const { secret } = await createApiToken(app.core, { actor: { kind: 'system', job: 'test' }, clock: systemClock }, 'test');
  const api: TestApp['api'] = async (method, path, body, headers = {}) => {
    const res = await fetch(baseUrl + path, {
      method,
      headers: { authorization: `Bearer ${secret}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (e.g. markdown); keep the text
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return {
    app,
    baseUrl,
    token: secret,
    databaseUrl: db.url,
    api,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
