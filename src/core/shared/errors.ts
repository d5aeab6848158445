export type DomainErrorCode = 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'VALIDATION' | 'PRECONDITION_FAILED' | 'UNAUTHENTICATED';

/** The one error type core raises; each edge maps it once (HTTP status, ephemeral Slack message). */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** The input field at fault, for VALIDATION errors. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
export const invalid = (field: string, message: string) => new DomainError('VALIDATION', message, field);
