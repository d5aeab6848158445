import type { FastifyInstance } from 'fastify';

export interface HealthChecks {
  /** Liveness: the process works and its database answers. */
  database(): Promise<boolean>;
  /** Readiness checks by name (database, migrations, slack…), each true when fine. */
  readiness(): Promise<Record<string, boolean>>;
}

export function healthRoutes(app: FastifyInstance, checks: HealthChecks): void {
  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    const ok = await checks.database().catch(() => false);
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable' });
  });
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const results = await checks.readiness().catch(() => ({ database: false }));
    const ok = Object.values(results).every(Boolean);
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not_ready', checks: results });
  });
}
