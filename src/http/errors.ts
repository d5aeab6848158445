import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type DomainErrorCode } from '../core/shared/errors.js';

const STATUS: Record<DomainErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  CONFLICT: 409,
  VALIDATION: 422,
  PRECONDITION_FAILED: 412,
  UNAUTHENTICATED: 401,
};

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

export const errorBody = (code: string, message: string, field?: string): ErrorBody => ({ error: { code, message, ...(field ? { field } : {}) } });

/** Maps every failure to `{"error": {...}}` with a 4xx; only a real bug is a 500, and it is logged. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof DomainError) return reply.code(STATUS[err.code]).send(errorBody(err.code.toLowerCase(), err.message, err.field));
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issue = err.validation[0];
      const path = issue?.instancePath?.replace(/^\//, '').replace(/\//g, '.') ?? '';
      const where = err.validationContext === 'body' ? path : path || err.validationContext || '';
      const field = where || undefined;
      return reply.code(422).send(errorBody('validation', `${field ? `${field}: ` : ''}${issue?.message ?? 'invalid value'}`, field));
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.code(415).send(errorBody('unsupported_media_type', 'Send JSON with Content-Type: application/json'));
    if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return reply.code(400).send(errorBody('malformed', 'The request body is empty; send a JSON object'));
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send(errorBody('too_large', 'The request body is too large'));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const malformed = err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY';
      return reply.code(err.statusCode).send(errorBody(malformed ? 'malformed' : 'bad_request', malformed ? `The request body is not valid JSON: ${err.message}` : err.message));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.code(500).send(errorBody('internal', 'Something went wrong on our side; it has been logged'));
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send(errorBody('not_found', `No route for ${request.method} ${request.url.split('?')[0]}`)));
}
