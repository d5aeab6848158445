import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Level, Logger } from 'pino';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The level this route's request lines are logged at, instead of `debug`: `trace` for what a page
     * polls (the sandbox re-reads its state after every change), so LOG_LEVEL=debug stays readable.
     */
    requestLogLevel?: 'trace';
  }
}

/**
 * The logger Fastify itself is given. At `info` it would print "Server listening at …" once per
 * interface, ahead of the banner that says which URL to open, so it speaks from `warn` up there; the
 * errors and warnings it logs (5xx, refused sign-ins) are unchanged, and at debug it says everything.
 */
export function frameworkLogger(logger: Logger): Logger {
  return logger.isLevelEnabled('debug') || !logger.isLevelEnabled('info') ? logger : logger.child({}, { level: 'warn' });
}

/**
 * Fastify's request lines, replaced: instead of two multi-line records per request at `info`, one line
 * when it is answered, at `debug` (an operator turns it on), or at `warn` for a 5xx or a response that
 * failed mid-way (the error itself is logged with its stack by the error handler). The path is logged
 * without its query, which may carry one-time codes (sign-in callbacks). Fastify's other lines (stream
 * errors, 503s while closing) keep their defaults.
 */
export class RequestLog extends LogController {
  constructor(private readonly logger: Logger) {
    super();
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const status = reply.statusCode;
    const level: Level = error || status >= 500 ? 'warn' : (request.routeOptions.config?.requestLogLevel ?? 'debug');
    if (!this.logger.isLevelEnabled(level)) return;
    const path = request.url.split('?')[0] ?? request.url;
    const ms = Math.round(reply.elapsedTime * 10) / 10;
    this.logger[level](
      {
        reqId: request.id,
        req: { method: request.method, url: path, remoteAddress: request.ip },
        res: { statusCode: status },
        responseTime: ms,
        ...(error ? { err: error } : {}),
      },
      `${request.method} ${path} → ${status} in ${ms} ms`,
    );
  }
}
