/**
 * A stand-in for Linear's GraphQL API, written from Linear's developer documentation:
 * - GraphQL at `POST /graphql`; a personal API key is sent as `Authorization: <key>` (OAuth tokens as
 *   `Bearer <token>`): https://linear.app/developers/graphql
 * - `issueCreate(input: {teamId, title, description})` → `{success, issue {id identifier url}}`, and
 *   `issue(id:)` reads one (by id or identifier): https://linear.app/developers/graphql (Issues)
 * - Errors: GraphQL errors come in a 200 answer as `{data: null, errors: [{message, extensions: {code,
 *   type, userPresentableMessage}}]}`; authentication errors answer 401 with the same shape.
 * - Rate limits: `RATELIMITED` errors with `X-RateLimit-Requests-Reset` (epoch ms):
 *   https://linear.app/developers/rate-limiting
 * - Webhooks: `Linear-Signature` (hex HMAC-SHA256 of the raw body with the webhook's signing secret),
 *   `Linear-Delivery` (a UUID), `Linear-Event`, and `webhookTimestamp` (epoch ms) in the body:
 *   https://linear.app/developers/webhooks
 * Stateful: it keeps teams and issues, answers reads from them, and sends the signed `Issue` update
 * webhook when an issue's state changes.
 */
import { issuePage } from '../issue-page.js';
import { createHmac, randomUUID } from 'node:crypto';
import { StandInServer, type StandInReply, type StandInRequest } from '../stand-in-server.js';

export type LinearStateType = 'backlog' | 'unstarted' | 'started' | 'completed' | 'canceled';

export interface LinearIssue {
  id: string;
  identifier: string;
  teamId: string;
  title: string;
  description: string | null;
  url: string;
  state: { id: string; name: string; type: LinearStateType };
  createdAt: Date;
}

export interface LinearStandInOptions {
  apiKey: string;
  /** Teams that exist: id → key (`{ 'team-eng': 'ENG' }` by default). */
  teams?: Record<string, string>;
  /** Where issue links point (default `https://linear.app/acme`, as Linear's own); the sandbox points them at the stand-in's pages. */
  issueUrlBase?: string;
  /** Where `Issue` webhooks are sent, signed with `secret`. */
  webhook?: { url: string; secret: string };
}

const STATES: Record<LinearStateType, { id: string; name: string; type: LinearStateType }> = {
  backlog: { id: 'state-backlog', name: 'Backlog', type: 'backlog' },
  unstarted: { id: 'state-todo', name: 'Todo', type: 'unstarted' },
  started: { id: 'state-in-progress', name: 'In Progress', type: 'started' },
  completed: { id: 'state-done', name: 'Done', type: 'completed' },
  canceled: { id: 'state-canceled', name: 'Canceled', type: 'canceled' },
};

const gqlError = (message: string, code: string, status = 200): StandInReply => ({
  status,
  body: { data: null, errors: [{ message, extensions: { code, type: code.toLowerCase().replace(/_/g, ' '), userPresentableMessage: message } }] },
});

export class LinearStandIn {
  readonly server = new StandInServer('Linear');
  readonly issues = new Map<string, LinearIssue>();
  readonly deliveries: { headers: Record<string, string>; body: string; status: number }[] = [];
  private readonly teams: Record<string, string>;
  private readonly counters = new Map<string, number>();
  webhook: LinearStandInOptions['webhook'];
  issueUrlBase: string | undefined;

  constructor(private readonly options: LinearStandInOptions) {
    this.teams = options.teams ?? { 'team-eng': 'ENG' };
    this.webhook = options.webhook;
    this.issueUrlBase = options.issueUrlBase;
    this.server.route('POST', '/graphql', (req) => this.graphql(req));
    // The issue's page for the sandbox: its state and buttons to move it (as someone in Linear would).
    this.server.route('GET', '/acme/issue/:identifier/:slug', (req) => this.page(req.params.identifier as string));
    this.server.route('POST', '/acme/issue/:identifier/:slug', async (req) => {
      const type = new URLSearchParams(req.rawBody).get('state') as LinearStateType | null;
      const issue = this.byIdentifier(req.params.identifier as string);
      if (!issue || !type || !STATES[type]) return { status: 400, body: 'No such issue or state' };
      await this.setState(issue.identifier, type);
      return { status: 303, headers: { location: req.path } };
    });
  }

  private byIdentifier(identifier: string): LinearIssue | undefined {
    return [...this.issues.values()].find((i) => i.identifier.toLowerCase() === identifier.toLowerCase());
  }

  private page(identifier: string): StandInReply {
    const issue = this.byIdentifier(identifier);
    if (!issue) return { status: 404, body: 'No such issue' };
    const moves = Object.values(STATES)
      .filter((s) => s.type !== issue.state.type)
      .map((s) => ({ value: s.type, label: s.name }));
    return issuePage({ vendor: 'Linear', key: issue.identifier, title: issue.title, stateWord: 'State', state: issue.state.name, field: 'state', moves });
  }

  start(): Promise<string> {
    return this.server.start();
  }

  close(): Promise<void> {
    return this.server.close();
  }

  get url(): string {
    return this.server.url;
  }

  /** The next GraphQL request is refused as rate-limited, the way Linear answers it. */
  rateLimitNext(resetInMs = 1000): void {
    const reply = gqlError('Rate limit exceeded', 'RATELIMITED', 400);
    this.server.failNext({
      status: 400,
      body: reply.body,
      headers: { 'x-ratelimit-requests-remaining': '0', 'x-ratelimit-requests-reset': String(Date.now() + resetInMs) },
      path: '/graphql',
    });
  }

  /** The next GraphQL request gets a GraphQL error in a 200 answer (Linear's usual refusal). */
  errorNext(message: string, code = 'INVALID_INPUT'): void {
    const reply = gqlError(message, code);
    this.server.failNext({ status: 200, body: reply.body, path: '/graphql' });
  }

  /** Moves an issue to a state as someone in Linear would, and sends the signed webhook. */
  async setState(identifier: string, type: LinearStateType): Promise<{ headers: Record<string, string>; body: string; status: number } | null> {
    const issue = [...this.issues.values()].find((i) => i.identifier === identifier);
    if (!issue) throw new Error(`Linear stand-in: no issue ${identifier}`);
    const from = issue.state;
    issue.state = STATES[type];
    if (!this.webhook) return null;
    const now = new Date();
    const body = JSON.stringify({
      action: 'update',
      type: 'Issue',
      createdAt: now.toISOString(),
      actor: { id: 'user-1', name: 'Linear user', type: 'user' },
      data: this.issueJson(issue),
      updatedFrom: { stateId: from.id, updatedAt: issue.createdAt.toISOString() },
      url: issue.url,
      organizationId: 'org-1',
      webhookTimestamp: now.getTime(),
      webhookId: 'webhook-1',
    });
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      'linear-delivery': randomUUID(),
      'linear-event': 'Issue',
      'linear-signature': createHmac('sha256', this.webhook.secret).update(body).digest('hex'),
    };
    const status = await this.post(headers, body);
    const delivery = { headers, body, status };
    this.deliveries.push(delivery);
    return delivery;
  }

  async redeliver(delivery: { headers: Record<string, string>; body: string }): Promise<number> {
    return this.post(delivery.headers, delivery.body);
  }

  private async post(headers: Record<string, string>, body: string): Promise<number> {
    if (!this.webhook) return 0;
    try {
      const res = await fetch(this.webhook.url, { method: 'POST', headers, body });
      await res.text();
      return res.status;
    } catch {
      return 0;
    }
  }

  private graphql(req: StandInRequest): StandInReply {
    const auth = req.headers.authorization;
    if (auth !== this.options.apiKey && auth !== `Bearer ${this.options.apiKey}`)
      return gqlError('Authentication required, not authenticated', 'AUTHENTICATION_ERROR', 401);
    const body = req.body as { query?: unknown; variables?: Record<string, unknown> } | undefined;
    if (!body || typeof body.query !== 'string') return gqlError('Must provide query string.', 'GRAPHQL_PARSE_FAILED', 400);
    const variables = body.variables ?? {};
    if (/\bissueCreate\s*\(/.test(body.query)) return this.issueCreate(variables.input);
    if (/\bissue\s*\(/.test(body.query)) return this.issue(variables.id);
    return gqlError('This stand-in answers only issueCreate and issue', 'GRAPHQL_VALIDATION_FAILED', 400);
  }

  private issueCreate(input: unknown): StandInReply {
    const i = (input ?? {}) as Record<string, unknown>;
    if (typeof i.teamId !== 'string' || !this.teams[i.teamId])
      return gqlError('Argument Validation Error: teamId must be the id of a team you can see', 'INVALID_INPUT');
    if (typeof i.title !== 'string' || !i.title.trim()) return gqlError('Argument Validation Error: title should not be empty', 'INVALID_INPUT');
    if (i.description !== undefined && typeof i.description !== 'string')
      return gqlError('Argument Validation Error: description must be a string', 'INVALID_INPUT');
    if (i.id !== undefined && (typeof i.id !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(i.id)))
      return gqlError('Argument Validation Error: id must be a UUID v4', 'INVALID_INPUT');
    if (typeof i.id === 'string' && this.issues.has(i.id)) return gqlError('Entity already exists: Issue', 'INVALID_INPUT');
    const teamKey = this.teams[i.teamId] as string;
    const n = (this.counters.get(teamKey) ?? 0) + 1;
    this.counters.set(teamKey, n);
    const identifier = `${teamKey}-${n}`;
    const slug = i.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40);
    const issue: LinearIssue = {
      id: typeof i.id === 'string' ? i.id : randomUUID(),
      identifier,
      teamId: i.teamId,
      title: i.title,
      description: (i.description as string | undefined) ?? null,
      url: `${this.issueUrlBase ?? 'https://linear.app/acme'}/issue/${identifier.toLowerCase()}/${slug || 'issue'}`,
      state: STATES.unstarted,
      createdAt: new Date(),
    };
    this.issues.set(issue.id, issue);
    return { body: { data: { issueCreate: { success: true, issue: this.issueJson(issue) } } } };
  }

  private issue(id: unknown): StandInReply {
    const issue = [...this.issues.values()].find((i) => i.id === id || i.identifier === id);
    if (!issue) return gqlError('Entity not found: Issue', 'ENTITY_NOT_FOUND');
    return { body: { data: { issue: this.issueJson(issue) } } };
  }

  private issueJson(issue: LinearIssue) {
    return {
      id: issue.id,
      identifier: issue.identifier,
      title: issue.title,
      description: issue.description,
      url: issue.url,
      teamId: issue.teamId,
      state: issue.state,
      createdAt: issue.createdAt.toISOString(),
    };
  }
}
