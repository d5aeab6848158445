import { createHash } from 'node:crypto';
import type { JiraConfig } from '../../../../config/integrations/jira.js';
import type { FollowUpIssueText } from '../follow-up-issue.js';
import { VendorError, vendorRequest } from '../vendor-http.js';

/**
 * Jira Cloud REST API v3 (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-post):
 * basic auth with the account's email and an API token, descriptions in Atlassian Document Format.
 */
const auth = (config: JiraConfig) => `Basic ${Buffer.from(`${config.email}:${config.apiToken}`).toString('base64')}`;

type AdfNode = Record<string, unknown>;
const text = (t: string, marks?: AdfNode[]): AdfNode => ({ type: 'text', text: t, ...(marks ? { marks } : {}) });
const paragraph = (...content: AdfNode[]): AdfNode => ({ type: 'paragraph', content });

/** The description as an ADF doc: the action's words, who owns it and when it is due, and a link back to the incident's doc. */
export function followUpDescription(issue: FollowUpIssueText): AdfNode {
  // Empty text nodes are invalid ADF: each paragraph holds only what there is.
  const lines = issue.details.split(/\r?\n/).filter((l) => l.trim());
  const content: AdfNode[] = lines.map((l) => paragraph(text(l)));
  const facts = [issue.owner ? `Owner: ${issue.owner}` : null, issue.dueDate ? `Due: ${issue.dueDate}` : null].filter((f): f is string => f !== null);
  if (facts.length) content.push(paragraph(text(facts.join(' · '))));
  content.push(paragraph(text(`${issue.incidentLine} — `), text('open the incident doc', [{ type: 'link', attrs: { href: issue.docUrl } }])));
  return { type: 'doc', version: 1, content };
}

/**
 * The label that marks the issue made for one action (`seed`: the action's link in this Response).
 * Jira's create has no idempotency key: when its answer is lost (a timeout after Jira made the
 * issue), the retry finds the issue by this label instead of making a second.
 */
export const followUpLabel = (seed: string) => `response-${createHash('sha256').update(seed).digest('hex').slice(0, 16)}`;

/** The issue already made for this label, or null (enhanced JQL search: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/). */
export async function findJiraIssue(config: JiraConfig, label: string): Promise<{ key: string; url: string } | null> {
  const jql = `project = "${config.projectKey}" AND labels = "${label}" ORDER BY created ASC`;
  const res = await vendorRequest<{ issues?: { key?: unknown }[] }>(
    'Jira',
    `${config.baseUrl}/rest/api/3/search/jql?${new URLSearchParams({ jql, fields: 'key', maxResults: '1' })}`,
    {
      headers: { authorization: auth(config) },
    },
  );
  const key = res.body?.issues?.[0]?.key;
  return typeof key === 'string' ? { key, url: `${config.baseUrl}/browse/${encodeURIComponent(key)}` } : null;
}

/** Creates the issue (labelled for `seed`); returns its key and browse link. Throws VendorError (retried or given up by the outbox). */
export async function createJiraIssue(config: JiraConfig, issue: FollowUpIssueText, seed?: string): Promise<{ key: string; url: string }> {
  const labels = seed ? [...config.labels, followUpLabel(seed)] : config.labels;
  const res = await vendorRequest<{ key?: unknown }>('Jira', `${config.baseUrl}/rest/api/3/issue`, {
    method: 'POST',
    headers: { authorization: auth(config) },
    body: {
      fields: {
        project: { key: config.projectKey },
        issuetype: { name: config.issueType },
        summary: issue.title,
        description: followUpDescription(issue),
        labels,
      },
    },
  });
  const key = res.body?.key;
  if (typeof key !== 'string' || !key) throw new Error('Jira answered the issue creation without a key');
  return { key, url: `${config.baseUrl}/browse/${encodeURIComponent(key)}` };
}

/** Whether the issue is in the Done status category now (read back: webhooks may arrive out of order); null when Jira has no such issue. */
export async function jiraIssueIsDone(config: JiraConfig, key: string): Promise<boolean | null> {
  try {
    const res = await vendorRequest<{ fields?: { status?: { statusCategory?: { key?: unknown } } } }>(
      'Jira',
      `${config.baseUrl}/rest/api/3/issue/${encodeURIComponent(key)}?fields=status`,
      {
        headers: { authorization: auth(config) },
      },
    );
    return res.body?.fields?.status?.statusCategory?.key === 'done';
  } catch (err) {
    if (err instanceof VendorError && err.status === 404) return null;
    throw err;
  }
}
