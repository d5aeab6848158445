import { createHash } from 'node:crypto';
import type { LinearConfig } from '../../../../config/integrations/linear.js';
import type { FollowUpIssueText } from '../follow-up-issue.js';
import { VendorError, vendorRequest } from '../vendor-http.js';

/**
 * Linear's GraphQL API (https://linear.app/developers/graphql): `POST <api>/graphql` with the API
 * key as `Authorization`. Linear refuses most things with GraphQL errors in a 200 answer; those are
 * VendorErrors here too (retried only when Linear says it was rate limiting or failing itself).
 */
interface GraphQlError {
  message?: string;
  extensions?: { code?: string; userPresentableMessage?: string };
}

const RETRYABLE_CODES = new Set(['RATELIMITED', 'INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE']);

export async function linearGraphql<T>(
  config: LinearConfig,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ data: T | null; errors: GraphQlError[] }> {
  let res;
  try {
    res = await vendorRequest<{ data?: T | null; errors?: GraphQlError[] }>('Linear', `${config.apiUrl}/graphql`, {
      method: 'POST',
      headers: { authorization: config.apiKey },
      body: { query, variables },
    });
  } catch (err) {
    // Linear answers rate limiting as a 400 with a RATELIMITED error ("Rate limit exceeded"): a
    // refusal to retry later (with the outbox's backoff), never a reason to give up.
    if (err instanceof VendorError && err.status === 400 && /rate limit/i.test(err.message))
      throw new VendorError('Linear', err.message.replace(/^Linear: /, ''), 400, { permanent: false, cause: err });
    throw err;
  }
  return { data: res.body?.data ?? null, errors: Array.isArray(res.body?.errors) ? res.body.errors : [] };
}

function throwErrors(errors: GraphQlError[]): void {
  if (errors.length === 0) return;
  const message = errors.map((e) => e.extensions?.userPresentableMessage ?? e.message ?? 'unknown error').join('; ');
  const retryable = errors.some((e) => RETRYABLE_CODES.has(e.extensions?.code ?? ''));
  throw new VendorError('Linear', message.slice(0, 300), 200, { permanent: !retryable });
}

interface LinearIssueRef {
  id: string;
  identifier: string;
  url: string;
}

/** A UUID v4-shaped id derived from `seed`: Linear takes a client-chosen issue id, so a retried create can find what it made. */
export function issueIdFor(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const ISSUE_QUERY = 'query Issue($id: String!) { issue(id: $id) { id identifier url } }';
const CREATE_MUTATION = 'mutation IssueCreate($input: IssueCreateInput!) { issueCreate(input: $input) { success issue { id identifier url } } }';

/** The issue with this id, or null when Linear has none. */
export async function findLinearIssue(config: LinearConfig, id: string): Promise<LinearIssueRef | null> {
  const { data, errors } = await linearGraphql<{ issue: LinearIssueRef | null }>(config, ISSUE_QUERY, { id });
  if (errors.some((e) => e.extensions?.code === 'ENTITY_NOT_FOUND' || /not found/i.test(e.message ?? ''))) return null;
  throwErrors(errors);
  return data?.issue ?? null;
}

/** Creates the issue in the configured team with a Markdown description linking back; returns its identifier and url. */
export async function createLinearIssue(config: LinearConfig, id: string, issue: FollowUpIssueText): Promise<{ key: string; url: string }> {
  const facts = [issue.owner ? `**Owner:** ${issue.owner}` : null, issue.dueDate ? `**Due:** ${issue.dueDate}` : null].filter(Boolean).join(' · ');
  const description = [issue.details, facts, `${issue.incidentLine} — [open the incident doc](${issue.docUrl})`].filter(Boolean).join('\n\n');
  const { data, errors } = await linearGraphql<{ issueCreate: { success: boolean; issue: LinearIssueRef | null } | null }>(config, CREATE_MUTATION, {
    input: { id, teamId: config.teamId, title: issue.title, description },
  });
  throwErrors(errors);
  const made = data?.issueCreate;
  if (!made?.success || !made.issue) throw new VendorError('Linear', 'issueCreate did not succeed', 200, { permanent: false });
  return { key: made.issue.identifier, url: made.issue.url };
}

const STATE_QUERY = 'query IssueState($id: String!) { issue(id: $id) { id identifier state { type } } }';

/** Whether the issue is completed or canceled now (read back: webhooks may arrive out of order); null when Linear has no such issue. */
export async function linearIssueIsDone(config: LinearConfig, identifier: string): Promise<boolean | null> {
  const { data, errors } = await linearGraphql<{ issue: { state?: { type?: string } } | null }>(config, STATE_QUERY, { id: identifier });
  if (errors.some((e) => e.extensions?.code === 'ENTITY_NOT_FOUND')) return null;
  throwErrors(errors);
  const type = data?.issue?.state?.type;
  return type === undefined ? null : type === 'completed' || type === 'canceled';
}
