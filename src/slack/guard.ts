import type { Logger } from 'pino';

/** How long one plugin handler may run before the edge stops waiting for it. */
export const PLUGIN_HANDLER_TIMEOUT_MS = 10_000;

export type Guarded<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Every plugin handler runs through here: errors are caught and logged with the plugin's name,
 * and a handler that hangs is abandoned after the time limit, so one broken plugin never breaks
 * the others (or the built-in flows).
 */
export async function runPluginHandler<T>(
  logger: Logger,
  plugin: string,
  what: string,
  run: () => Promise<T>,
  timeoutMs = PLUGIN_HANDLER_TIMEOUT_MS,
): Promise<Guarded<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`plugin "${plugin}" did not finish ${what} within ${timeoutMs} ms`)), timeoutMs);
    timer.unref();
  });
  try {
    return { ok: true, value: await Promise.race([Promise.resolve().then(run), timeout]) };
  } catch (error) {
    logger.error({ err: error, plugin, what }, `plugin "${plugin}" failed in ${what}`);
    return { ok: false, error };
  } finally {
    clearTimeout(timer);
  }
}
