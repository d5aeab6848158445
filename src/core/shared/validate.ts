import type { z } from 'zod';
import { DomainError } from './errors.js';

/** Parses core input with zod and turns the first problem into a VALIDATION DomainError naming the field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  throw new DomainError('VALIDATION', field ? `${field}: ${issue?.message ?? 'is invalid'}` : (issue?.message ?? 'invalid input'), field);
}
