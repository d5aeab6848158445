/**
 * A stand-in for Jira Cloud's REST API v3, written from Atlassian's documentation:
 * - Create issue: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-post
 *   (`fields.project.key`, `issuetype.name`, `summary`, `description` in Atlassian Document Format, `labels`;
 *   201 `{id, key, self}`; 400 `{errorMessages: [], errors: {field: message}}`).
 * - Enhanced JQL search (`GET /rest/api/3/search/jql?jql=…`): https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/
 * - Get issue / transitions: same page (`GET /rest/api/3/issue/{key}`, `GET|POST /rest/api/3/issue/{key}/transitions`).
 * - Basic auth with an account email and API token: https://developer.atlassian.com/cloud/jira/platform/basic-auth-for-rest-apis/
 * - Rate limits (429 with Retry-After): https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
 * - Webhooks (`jira:issue_updated`, admin webhooks signed with `X-Hub-Signature: sha256=<hex HMAC>` of
 *   the body, `X-Atlassian-Webhook-Identifier`): https://developer.atlassian.com/cloud/jira/platform/webhooks/
 * Stateful: it keeps the issues it made, answers reads from them, and on a transition sends the
 * webhook Jira would to the registered URL.
 */
import { issuePage } from '../issue-page.js';
import { createHmac, randomUUID } from 'node:crypto';
import { StandInServer, type StandInReply, type StandInRequest } from '../stand-in-server.js';
import { adfProblem } from './adf.js';

export interface JiraStandInOptions {
  email: string;
  apiToken: string;
  /** Project keys that exist (default `OPS`). */
  projects?: string[];
  /** Where `jira:issue_updated` is sent on a transition, and the admin webhook's secret (unsigned without). */
  webhook?: { url: string; secret?: string };
}

export type JiraStatusCategory = 'new' | 'indeterminate' | 'done';

export interface JiraIssue {
  id: string;
  key: string;
  projectKey: string;
  issueType: string;
  summary: string;
  description: unknown;
  labels: string[];
  status: { id: string; name: string; category: JiraStatusCategory };
  created: Date;
}

const STATUSES: Record<string, { id: string; name: string; category: JiraStatusCategory; transition: string }> = {
  'To Do': { id: '10000', name: 'To Do', category: 'new', transition: '11' },
  'In Progress': { id: '3', name: 'In Progress', category: 'indeterminate', transition: '21' },
  Done: { id: '10001', name: 'Done', category: 'done', transition: '31' },
};
const CATEGORY_NAMES: Record<JiraStatusCategory, string> = { new: 'To Do', indeterminate: 'In Progress', done: 'Done' };
const ISSUE_TYPES = ['Task', 'Bug', 'Story', 'Epic'];

const refuse = (status: number, errors: Record<string, string>, errorMessages: string[] = []): StandInReply => ({ status, body: { errorMessages, errors } });

export class JiraStandIn {
  readonly server = new StandInServer('Jira');
  readonly issues = new Map<string, JiraIssue>();
  /** Webhooks sent, oldest first: what was sent and how the receiver answered. */
  readonly deliveries: { headers: Record<string, string>; body: string; status: number }[] = [];
  private readonly projects: Map<string, number>;
  private nextId = 10000;
  private answersToLose = 0;
  webhook: JiraStandInOptions['webhook'];

  constructor(private readonly options: JiraStandInOptions) {
    this.projects = new Map((options.projects ?? ['OPS']).map((k) => [k, 0]));
    this.webhook = options.webhook;
    this.server.route('POST', '/rest/api/3/issue', (req) => this.authed(req, () => this.create(req)));
    this.server.route('GET', '/rest/api/3/search/jql', (req) => this.authed(req, () => this.search(req.query.get('jql') ?? '')));
    this.server.route('GET', '/rest/api/3/issue/:key', (req) => this.authed(req, () => this.read(req.params.key as string)));
    this.server.route('GET', '/rest/api/3/issue/:key/transitions', (req) =>
      this.authed(req, () =>
        this.issues.has(req.params.key as string)
          ? { body: { transitions: Object.values(STATUSES).map((s) => ({ id: s.transition, name: s.name, to: this.statusJson(s) })) } }
          : this.missing(),
      ),
    );
    this.server.route('POST', '/rest/api/3/issue/:key/transitions', (req) => this.authed(req, () => this.transitionRequest(req)));
    // The issue's page, as the sandbox's newcomer opens it from the link on the action: its status and
    // buttons to move it, so closing the issue "in Jira" can be tried without an account.
    this.server.route('GET', '/browse/:key', (req) => this.page(req.params.key as string));
    this.server.route('POST', '/browse/:key', async (req) => {
      const status = new URLSearchParams(req.rawBody).get('status') ?? '';
      if (!this.issues.has(req.params.key as string) || !STATUSES[status]) return { status: 400, body: 'No such issue or status' };
      await this.transition(req.params.key as string, status as keyof typeof STATUSES);
      return { status: 303, headers: { location: `/browse/${encodeURIComponent(req.params.key as string)}` } };
    });
  }

  private page(key: string): StandInReply {
    const issue = this.issues.get(key);
    if (!issue) return { status: 404, body: 'No such issue' };
    const moves = Object.keys(STATUSES)
      .filter((s) => s !== issue.status.name)
      .map((s) => ({ value: s, label: s }));
    return issuePage({ vendor: 'Jira', key: issue.key, title: issue.summary, stateWord: 'Status', state: issue.status.name, field: 'status', moves });
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

  /** Moves an issue to a status (`Done`, `To Do`, `In Progress`) as someone in Jira would, and sends the webhook. */
  async transition(key: string, status: keyof typeof STATUSES): Promise<{ headers: Record<string, string>; body: string; status: number } | null> {
    const issue = this.issues.get(key);
    const to = STATUSES[status];
    if (!issue || !to) throw new Error(`Jira stand-in: no issue ${key} or status ${status}`);
    const from = issue.status;
    issue.status = { id: to.id, name: to.name, category: to.category };
    return this.sendIssueUpdated(issue, from);
  }

  /** The next issue creation is made but its answer is lost (a 504 from Atlassian's edge), as when Jira is slow. */
  loseNextCreateAnswer(): void {
    this.answersToLose += 1;
  }

  /** Sends a delivery again exactly as it was (Jira retries a delivery it saw fail). */
  async redeliver(delivery: { headers: Record<string, string>; body: string }): Promise<number> {
    return this.post(delivery.headers, delivery.body);
  }

  private authed(req: StandInRequest, then: () => StandInReply): StandInReply {
    const expected = `Basic ${Buffer.from(`${this.options.email}:${this.options.apiToken}`).toString('base64')}`;
    if (req.headers.authorization !== expected)
      return { status: 401, body: { errorMessages: ['You are not authorized to perform this operation. Please log in.'], errors: {} } };
    return then();
  }

  private missing(): StandInReply {
    return refuse(404, {}, ['Issue does not exist or you do not have permission to see it.']);
  }

  private create(req: StandInRequest): StandInReply {
    const fields = (req.body as { fields?: Record<string, unknown> } | undefined)?.fields;
    if (!fields || typeof fields !== 'object') return refuse(400, {}, ['The request body must have a fields object.']);
    const errors: Record<string, string> = {};
    const projectKey = (fields.project as { key?: unknown } | undefined)?.key;
    if (typeof projectKey !== 'string' || !this.projects.has(projectKey)) errors.project = 'Specify a valid project ID or key';
    const issueType = (fields.issuetype as { name?: unknown } | undefined)?.name;
    if (typeof issueType !== 'string' || !ISSUE_TYPES.includes(issueType)) errors.issuetype = 'Specify an issue type';
    const summary = fields.summary;
    if (typeof summary !== 'string' || !summary.trim()) errors.summary = 'You must specify a summary of the issue.';
    else if (summary.length > 255) errors.summary = 'Summary must be less than 255 characters.';
    else if (/[\r\n]/.test(summary)) errors.summary = 'The summary is invalid because it contains newline characters.';
    if (fields.description !== undefined) {
      const problem = adfProblem(fields.description);
      if (problem) errors.description = `Operation value must be an Atlassian Document (see the Atlassian Document Format): ${problem}`;
    }
    const labels = fields.labels ?? [];
    if (!Array.isArray(labels) || labels.some((l) => typeof l !== 'string' || /\s/.test(l) || l.length > 255))
      errors.labels = 'Labels must be strings without spaces.';
    if (Object.keys(errors).length) return refuse(400, errors);
    const key = String(projectKey);
    const number = (this.projects.get(key) ?? 0) + 1;
    this.projects.set(key, number);
    const todo = STATUSES['To Do'] as (typeof STATUSES)[string];
    const issue: JiraIssue = {
      id: String(this.nextId++),
      key: `${key}-${number}`,
      projectKey: key,
      issueType: String(issueType),
      summary: String(summary),
      description: fields.description ?? null,
      labels: labels as string[],
      status: { id: todo.id, name: todo.name, category: todo.category },
      created: new Date(),
    };
    this.issues.set(issue.key, issue);
    if (this.answersToLose > 0) {
      this.answersToLose -= 1;
      return { status: 504, body: 'Gateway Timeout' };
    }
    return { status: 201, body: { id: issue.id, key: issue.key, self: `${this.url}/rest/api/3/issue/${issue.id}` } };
  }

  /** Enhanced JQL search, for the JQL Response sends: `project = "X" AND labels = "y"` (ordering ignored: oldest first). */
  private search(jql: string): StandInReply {
    const clauses = jql.replace(/\s+ORDER BY .*$/i, '').split(/\s+AND\s+/i);
    const conditions: ((i: JiraIssue) => boolean)[] = [];
    for (const clause of clauses) {
      const m = /^\s*(project|labels)\s*=\s*"?([^"]+?)"?\s*$/i.exec(clause);
      if (!m) return refuse(400, {}, [`Error in the JQL Query: the stand-in understands only project = and labels = (got "${clause}").`]);
      const [field, value] = [(m[1] as string).toLowerCase(), m[2] as string];
      conditions.push(field === 'project' ? (i) => i.projectKey === value : (i) => i.labels.includes(value));
    }
    const issues = [...this.issues.values()].filter((i) => conditions.every((c) => c(i))).sort((a, b) => Number(a.id) - Number(b.id));
    return { body: { issues: issues.map((i) => ({ id: i.id, key: i.key, self: `${this.url}/rest/api/3/issue/${i.id}`, fields: {} })), isLast: true } };
  }

  private read(key: string): StandInReply {
    const issue = this.issues.get(key) ?? [...this.issues.values()].find((i) => i.id === key);
    return issue ? { body: this.issueJson(issue) } : this.missing();
  }

  private transitionRequest(req: StandInRequest): StandInReply {
    const issue = this.issues.get(req.params.key as string);
    if (!issue) return this.missing();
    const id = (req.body as { transition?: { id?: unknown } } | undefined)?.transition?.id;
    const to = Object.values(STATUSES).find((s) => s.transition === id);
    if (!to) return refuse(400, {}, ['Transition id is not valid for this issue.']);
    void this.transition(issue.key, to.name as keyof typeof STATUSES);
    return { status: 204 };
  }

  private statusJson(s: { id: string; name: string; category: JiraStatusCategory }) {
    return { self: `${this.url}/rest/api/3/status/${s.id}`, id: s.id, name: s.name, statusCategory: { key: s.category, name: CATEGORY_NAMES[s.category] } };
  }

  private issueJson(issue: JiraIssue) {
    return {
      id: issue.id,
      key: issue.key,
      self: `${this.url}/rest/api/3/issue/${issue.id}`,
      fields: {
        summary: issue.summary,
        description: issue.description,
        labels: issue.labels,
        issuetype: { name: issue.issueType },
        project: { key: issue.projectKey },
        status: this.statusJson(issue.status),
        created: issue.created.toISOString(),
      },
    };
  }

  private async sendIssueUpdated(issue: JiraIssue, from: JiraIssue['status']) {
    if (!this.webhook) return null;
    const now = Date.now();
    const body = JSON.stringify({
      timestamp: now,
      webhookEvent: 'jira:issue_updated',
      issue_event_type_name: 'issue_generic',
      user: { accountId: '5b10a2844c20165700ede21g', displayName: 'Jira user' },
      issue: this.issueJson(issue),
      changelog: {
        id: String(now),
        items: [
          { field: 'status', fieldtype: 'jira', fieldId: 'status', from: from.id, fromString: from.name, to: issue.status.id, toString: issue.status.name },
        ],
      },
    });
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-atlassian-webhook-identifier': randomUUID() };
    if (this.webhook.secret) headers['x-hub-signature'] = `sha256=${createHmac('sha256', this.webhook.secret).update(body).digest('hex')}`;
    const status = await this.post(headers, body);
    const delivery = { headers, body, status };
    this.deliveries.push(delivery);
    return delivery;
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
}
