import { roleRoutes } from './routes/roles.js';
import { processSettingsRoutes } from './routes/process-settings.js';
import { catchUpRoutes } from './routes/catch-up.js';
import { registerCompatApi } from './routes/compat/index.js';
import { COMPAT_TAG, COMPAT_TAG_DESCRIPTION } from './routes/compat/compat-schema.js';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { apiDocsTheme } from './api-docs-theme.js';
import { idParam } from './schemas.js';
import type { Logger } from 'pino';
import { requireAuth } from './auth/require-auth.js';
import { errorBody, installErrorHandling } from './errors.js';
import { actionRoutes } from './routes/actions.js';
import { actionIssueRoutes } from './routes/action-issues.js';
import { healthRoutes, type HealthChecks } from './routes/health.js';
import { incidentRoutes } from './routes/incidents.js';
import { incidentCsvRoutes } from './routes/incidents-csv.js';
import { postmortemRoutes } from './routes/postmortem.js';
import { statusUpdateRoutes } from './routes/status-updates.js';
import { timelineRoutes } from './routes/timeline.js';
import { userAndEventRoutes } from './routes/users-events.js';
import type { HttpDeps } from './route-deps.js';
import { frameworkLogger, RequestLog } from '../observability/request-log.js';

/** The Fastify server with OpenAPI, error mapping and health; edges add their routes to it. */
export async function buildHttpServer(logger: Logger): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: frameworkLogger(logger),
    // Fastify's own request lines are two multi-line records per request at info (the sandbox's polling
    // alone made hundreds a minute): one line per request at debug instead.
    logController: new RequestLog(logger),
    // Slack and load balancers keep connections open; closing idle ones lets shutdown finish promptly.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // Registering plugins is quick, but on a starved machine (a CI box running many servers at once) it
    // passed Fastify's 10 s default and start-up failed; a plugin that truly hangs still fails, later.
    pluginTimeout: 60_000,
    trustProxy: true,
    // A malformed URL (`/incidents/%zz`) or an over-long parameter fails before routing; answer it
    // in the API's error shape like every other 4xx.
    frameworkErrors: (err, _request, reply) => {
      void (reply as unknown as FastifyReply).code(err.statusCode && err.statusCode < 500 ? err.statusCode : 400).send(errorBody('bad_request', err.message));
    },
  }) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Response API', version: '1', description: 'Incidents, actions, timeline, users and the change log. Authenticate with `Authorization: Bearer <token>`.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, basic: { type: 'http', scheme: 'basic', description: 'An API token as the password (Response compatibility routes only)' } } },
      security: [{ bearer: [] }],
      tags: [{ name: COMPAT_TAG, description: COMPAT_TAG_DESCRIPTION }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', ...apiDocsTheme });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}

/** The REST API under /api/v1, behind authentication (checked before the body is read). */
export async function registerApi(app: FastifyInstance, deps: HttpDeps, health: HealthChecks): Promise<void> {
  healthRoutes(app, health);
  // Response's links were /incident/{id}/; keep old bookmarks and Slack messages working.
  const typed = app.withTypeProvider<ZodTypeProvider>();
  for (const path of ['/incident/:id', '/incident/:id/']) {
    typed.get(path, { schema: { hide: true, params: idParam } }, async (request, reply) => reply.redirect(`/incidents/${request.params.id}`, 301));
  }
  await app.register(async (scope) => {
    scope.addHook('onRequest', requireAuth(deps.authenticators));
    incidentRoutes(scope, deps);
    incidentCsvRoutes(scope, deps);
    postmortemRoutes(scope, deps);
    actionRoutes(scope, deps);
    actionIssueRoutes(scope, deps);
    timelineRoutes(scope, deps);
    roleRoutes(scope, deps);
    processSettingsRoutes(scope, deps);
    userAndEventRoutes(scope, deps);
    statusUpdateRoutes(scope, deps);
    catchUpRoutes(scope, deps);
  });
  await registerCompatApi(app, deps);
}
