/**
 * The postmortem as a document, through the REST API, the web UI's session and Slack (emulator):
 * not started until someone starts it (the template filled in from the incident), then edited,
 * saved (each save in the change log, a stale save refused), reviewed and downloaded; the lead is
 * DMed once when the incident resolves; a private incident's postmortem never reaches an outsider.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IncidentProcessError, parseIncidentProcess } from '../../src/config/incident-process.js';
import { DEFAULT_INCIDENT_PROCESS } from '../../src/core/shared/incident-process.js';
import type { SlackTestApp } from '../support/slack-test-app.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { call, signIn, startSignInApp, type Jar } from '../support/web-session.js';

const MINUTE = 60_000;
const postmortemDms = (t: SlackTestApp, user: string, button = 'Draft the postmortem') => t.emulator.dms(user).filter((m: any) => JSON.stringify(m.blocks ?? []).includes(button));

describe('the postmortem', { timeout: 60_000 }, () => {
  let t: SlackTestApp;
  let id: number;
  const path = () => `/api/v1/incidents/${id}/postmortem`;

  beforeAll(async () => {
    t = await startSignInApp();
    // A story with known numbers: first update after 5 minutes, identified after 15, resolved after an hour.
    const created = await t.api('POST', '/api/v1/incidents', { report: 'Checkout is down', summary: 'Card payments failed', impact: 'Nobody could pay for **40 minutes**', severity: 'critical', lead: 'U0ALICE', reporter: 'U0BOB' });
    expect(created.status).toBe(201);
    id = created.body.id;
    t.clock.advance(5 * MINUTE);
    await t.api('POST', `/api/v1/incidents/${id}/updates`, { status: 'investigating', message: 'Looking at the gateway' });
    t.clock.advance(10 * MINUTE);
    await t.api('PATCH', `/api/v1/incidents/${id}`, { status: 'identified' });
    await t.api('POST', `/api/v1/incidents/${id}/timeline`, { text: 'Rolled back the gateway deploy' });
    await t.api('POST', `/api/v1/incidents/${id}/actions`, { details: 'Alert on card auth failures', assignee: 'U0BOB', due_date: '2030-01-15' });
    await t.api('POST', `/api/v1/incidents/${id}/actions`, { details: 'Write the gateway runbook' });
    t.clock.advance(45 * MINUTE);
    expect((await t.api('PATCH', `/api/v1/incidents/${id}`, { status: 'resolved' })).status).toBe(200);
    await t.settle();
  });
  afterAll(() => t?.close());

  it('is not started until someone starts it, showing the default template filled in from the incident', async () => {
    const { status, body } = await t.api('GET', path());
    expect(status).toBe(200);
    expect(body).toMatchObject({ incident_id: id, state: 'not_started', version: 0, updated_at: null, updated_by: null });
    const md: string = body.markdown;
    const headings = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(['Summary', 'Impact', 'The numbers', 'Timeline of key events', 'Root cause', 'What went well', 'What went badly', 'Follow-ups', 'People and roles']);
    expect(md).toMatch(new RegExp(`^# Incident ${id}: Checkout is down\n`));
    expect(md).toContain('## Summary\n\nCard payments failed\n');
    expect(md).toContain('## Impact\n\nNobody could pay for **40 minutes**\n');
    expect(md).toContain('- **Time to first update:** 5 mins (from declaration)\n- **Time to identify:** 15 mins (from the start)\n- **Time to resolve:** 1 hr (from the start)');
    // Key events in order: declared, the update, the status change, what was written, the actions, resolved.
    const timeline = md.slice(md.indexOf('## Timeline of key events'), md.indexOf('## Root cause'));
    const order = ['Incident declared', 'Status update by API token "test" (investigating): Looking at the gateway', 'Incident status changed from investigating to identified', 'Rolled back the gateway deploy', 'Incident resolved'].map((s) => timeline.indexOf(s));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(md).toContain('- [ ] Alert on card auth failures (owner @bob, due 2030-01-15)');
    expect(md).toContain('- [ ] Write the gateway runbook (no owner, no due date)');
    expect(md).toContain('## People and roles\n\n- **Incident lead:** Alice Nguyen (@alice)\n- **Communications lead:** —\n- **Scribe:** —\n- **Reporter:** Bob Okafor (@bob)');
    // No custom fields yet: the placeholder leaves no gap.
    expect(md).not.toMatch(/\n\n\n/);
    expect(md).not.toContain('{{');
  });

  it('asks the lead once, in a DM with a button to the doc’s postmortem section, when the incident resolves', async () => {
    const dms = postmortemDms(t, 'U0ALICE');
    expect(dms).toHaveLength(1);
    const button = (dms[0] as any).blocks.flatMap((b: any) => b.elements ?? []).find((e: any) => e.type === 'button');
    expect(button).toMatchObject({ text: { text: 'Draft the postmortem' }, url: `http://response.test/incidents/${id}#postmortem` });
    // One DM on resolve: the original Response's "Don't forget…" is this one, its text kept for notifications.
    expect(t.emulator.dms('U0ALICE').filter((m: any) => String(m.text).startsWith('👋 Don\'t forget'))).toHaveLength(1);
    expect((dms[0] as any).text).toBe(`👋 Don't forget to fill out an incident report here: http://response.test/incidents/${id}#postmortem`);
    expect(postmortemDms(t, 'U0BOB')).toHaveLength(0);
    // The outbox running again sends nothing more.
    t.app.outbox.kick();
    await t.settle();
    expect(postmortemDms(t, 'U0ALICE')).toHaveLength(1);

    // Without a lead, the reporter is asked.
    const { body: noLead } = await t.api('POST', '/api/v1/incidents', { report: 'Search is slow', reporter: 'U0CAROL' });
    await t.api('PATCH', `/api/v1/incidents/${noLead.id}`, { status: 'resolved' });
    await t.settle();
    expect(postmortemDms(t, 'U0CAROL')).toHaveLength(1);
  });

  it('is started, edited and saved (each save in the change log), refuses a stale save, and is marked reviewed', async () => {
    const started = await t.api('POST', path());
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ state: 'draft', version: 1, updated_by_label: 'API token "test"' });
    expect(started.body.markdown).toContain('## Root cause');
    // Starting it again (a double click, someone else) changes nothing.
    expect(await t.api('POST', path())).toMatchObject({ status: 200, body: { version: 1 } });

    const written = started.body.markdown.replace(/## Root cause\n\n.*\n/, '## Root cause\n\nA config push removed the gateway pool limit.\n');
    const saved = await t.api('PUT', path(), { markdown: written, version: 1 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ state: 'draft', version: 2 });
    expect((await t.api('GET', path())).body).toMatchObject({ state: 'draft', version: 2, markdown: written });

    // Someone who opened version 1 saves after that: refused, saying what to do.
    const stale = await t.api('PUT', path(), { markdown: `${written}\nMine.`, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'conflict', field: 'version' });
    expect(stale.body.error.message).toMatch(/changed since you opened it.*version 2.*Reload it/);
    expect((await t.api('GET', path())).body.markdown).toBe(written);

    const reviewed = await t.api('POST', `${path()}/review`, { version: 2 });
    expect(reviewed.body).toMatchObject({ state: 'reviewed', version: 3, markdown: written });
    // An edit after the review keeps it reviewed; saying draft moves it back.
    expect((await t.api('PUT', path(), { markdown: `${written}\nAddendum.\n` })).body).toMatchObject({ state: 'reviewed', version: 4 });
    expect((await t.api('PUT', path(), { markdown: `${written}\nAddendum.\n`, state: 'draft' })).body).toMatchObject({ state: 'draft', version: 5 });

    const log = (await t.api('GET', '/api/v1/events?limit=200')).body.results.filter((e: any) => e.incident_id === id && e.event_type === 'postmortem_event');
    expect(log.map((e: any) => [e.payload.change, e.payload.postmortem.state, e.payload.postmortem.version])).toEqual([
      ['started', 'draft', 1],
      ['saved', 'draft', 2],
      ['reviewed', 'reviewed', 3],
      ['saved', 'reviewed', 4],
      ['saved', 'draft', 5],
    ]);
    expect(log[1].actor).toMatchObject({ kind: 'api_token', label: 'API token "test"' });

    // Resolved again with a draft: the lead is asked to finish it; once reviewed, nobody is asked.
    const reresolve = async () => {
      await t.api('PATCH', `/api/v1/incidents/${id}`, { status: 'investigating' });
      await t.api('PATCH', `/api/v1/incidents/${id}`, { status: 'resolved' });
      await t.settle();
    };
    await reresolve();
    expect(postmortemDms(t, 'U0ALICE')).toHaveLength(1);
    expect(postmortemDms(t, 'U0ALICE', 'Finish the postmortem')).toHaveLength(1);
    expect((await t.api('POST', `${path()}/review`)).body).toMatchObject({ state: 'reviewed' });
    const asked = () => t.emulator.dms('U0ALICE').filter((m: any) => String(m.text).startsWith("👋 Don't forget")).length;
    const before = asked();
    await reresolve();
    expect(asked()).toBe(before);
  });

  it('downloads as a Markdown file: the stored one, or the template while not started', async () => {
    const stored = (await t.api('GET', path())).body.markdown;
    const file = await fetch(`${t.baseUrl}${path()}.md`, { headers: { authorization: `Bearer ${t.token}` } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('text/markdown');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="incident-${id}-postmortem.md"`);
    expect(await file.text()).toBe(stored);

    const { body: fresh } = await t.api('POST', '/api/v1/incidents', { report: 'Fresh one' });
    const template = await t.api('GET', `/api/v1/incidents/${fresh.id}/postmortem.md`);
    expect(template.body).toBe((await t.api('GET', `/api/v1/incidents/${fresh.id}/postmortem`)).body.markdown);
    expect(template.body).toContain(`# Incident ${fresh.id}: Fresh one`);
  });

  it('answers bad input with a 4xx naming the field', async () => {
    const { body: other } = await t.api('POST', '/api/v1/incidents', { report: 'Bad input' });
    const p = `/api/v1/incidents/${other.id}/postmortem`;
    const cases: [string, string, unknown, number, string | undefined][] = [
      ['PUT', p, {}, 422, 'markdown'],
      ['PUT', p, { markdown: 42 }, 422, 'markdown'],
      ['PUT', p, { markdown: '   ' }, 422, 'markdown'],
      ['PUT', p, { markdown: 'x'.repeat(100_001) }, 422, 'markdown'],
      ['PUT', p, { markdown: 'ok\u0000' }, 422, 'markdown'],
      ['PUT', p, { markdown: 'ok', state: 'done' }, 422, 'state'],
      ['PUT', p, { markdown: 'ok', version: -1 }, 422, 'version'],
      ['PUT', p, { markdown: 'ok', version: 'one' }, 422, 'version'],
      ['PUT', p, { markdown: 'ok', extra: true }, 422, undefined],
      ['PUT', p, { markdown: 'ok', version: 3 }, 409, 'version'],
      ['POST', `${p}/review`, {}, 412, undefined],
      ['POST', `${p}/review`, { version: 'x' }, 422, 'version'],
      ['GET', '/api/v1/incidents/2147483648/postmortem', undefined, 422, 'id'],
      ['PUT', '/api/v1/incidents/987654/postmortem', { markdown: 'ok' }, 404, undefined],
    ];
    for (const [method, url, body, status, field] of cases) {
      const res = await t.api(method, url, body);
      expect(res.status, `${method} ${url} ${JSON.stringify(body)?.slice(0, 60)}`).toBe(status);
      if (field) expect(res.body.error.field, JSON.stringify(res.body)).toBe(field);
      expect(typeof res.body.error.message).toBe('string');
    }
    expect((await t.api('GET', p)).body.state).toBe('not_started');
    const spec = (await t.api('GET', '/api/v1/openapi.json')).body;
    expect(Object.keys(spec.paths['/api/v1/incidents/{id}/postmortem'])).toEqual(expect.arrayContaining(['get', 'post', 'put']));
    expect(spec.paths['/api/v1/incidents/{id}/postmortem/review'].post).toBeDefined();
    expect(JSON.stringify(spec.paths['/api/v1/incidents/{id}/postmortem'].get.responses['200'])).toContain('not_started');
    // Saving one not started starts it with the text given.
    expect((await t.api('PUT', p, { markdown: '# Ours', version: 0 })).body).toMatchObject({ state: 'draft', version: 1, markdown: '# Ours' });
  });

  it("keeps a private incident's postmortem from an outsider on every path, and lets its people work on it", async () => {
    const alice: Jar = (await signIn(t, '/', 'U0ALICE')).jar; // in the workspace, not in the incident
    const bob: Jar = (await signIn(t, '/', 'U0BOB')).jar; // its lead
    const { body: secret } = await t.api('POST', '/api/v1/incidents', { report: 'Customer export in a public bucket', private: true, lead: 'U0BOB', reporter: 'U0DAVE' });
    const p = `/api/v1/incidents/${secret.id}/postmortem`;
    for (const [method, url, body] of [
      ['GET', p, undefined],
      ['GET', `${p}.md`, undefined],
      ['POST', p, {}],
      ['PUT', p, { markdown: 'leak?' }],
      ['POST', `${p}/review`, {}],
    ] as const) {
      const res = await call(t, alice, method, url, body);
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(await res.text()).not.toContain('public bucket');
    }
    expect((await call(t, bob, 'POST', p, {})).status).toBe(201);
    const saved = await call(t, bob, 'PUT', p, { markdown: '# Bucket\n\nLocked down.', version: 1 });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ version: 2, updated_by: { slack_id: 'U0BOB' } });
    const log = (await (await call(t, alice, 'GET', '/api/v1/events?limit=200')).json()) as any;
    expect(log.results.filter((e: any) => e.incident_id === secret.id)).toEqual([]);
  });
});

describe('a postmortem template from the config', () => {
  let app: TestApp;
  afterAll(() => app?.close());

  it('fills a team’s own template, and names unknown placeholders as a config error', async () => {
    const template = '# {{ title }} (#{{id}})\n\nLed by {{lead}}, {{severity}}.\n\n{{custom_fields}}\n\n## Numbers\n\n{{numbers}}\n\n## Our actions\n\n{{follow_ups}}\n\nLiteral {{ braces }} stay? No: see below.\n';
    expect(() => parseIncidentProcess({ postmortem: { template } }, 'response.config.ts')).toThrow(IncidentProcessError);
    expect(() => parseIncidentProcess({ postmortem: { template: '{{summery}} {{root_cause}} {{summery}}' } }, 'response.config.ts')).toThrow(
      /response\.config\.ts: postmortem\.template uses unknown placeholders \{\{summery\}\}, \{\{root_cause\}\} \(known: id, title/,
    );
    expect(() => parseIncidentProcess({ postmortem: { tempate: '# x' } }, 'response.config.ts')).toThrow(/postmortem has unknown tempate/);
    expect(() => parseIncidentProcess({ postmortem: { template: '  ' } }, 'response.config.ts')).toThrow(/postmortem\.template must not be empty/);

    const process = parseIncidentProcess({ postmortem: { template: template.replace('Literal {{ braces }} stay? No: see below.\n', ''), askLeadOnResolve: false } }, 'response.config.ts');
    expect(process.postmortem.askLeadOnResolve).toBe(false);
    expect(parseIncidentProcess({}, 'x').postmortem).toEqual(DEFAULT_INCIDENT_PROCESS.postmortem);
    app = await startTestApp({ appOptions: { process } });
    // A summary that looks like a placeholder is written as typed, never expanded.
    const { body: inc } = await app.api('POST', '/api/v1/incidents', { report: 'Queue backlog {{lead}}', severity: 'major', lead: 'U0ALICE' });
    await app.api('POST', `/api/v1/incidents/${inc.id}/actions`, { details: 'Autoscale the workers', assignee: 'U0ALICE' });
    const { body } = await app.api('GET', `/api/v1/incidents/${inc.id}/postmortem`);
    expect(body.markdown).toBe(
      [
        `# Queue backlog {{lead}} (#${inc.id})`,
        '',
        'Led by @U0ALICE, 🌧️ Major.',
        '',
        '## Numbers',
        '',
        '- **Time to first update:** no update was posted (from declaration)',
        '- **Time to identify:** never marked identified (from the start)',
        '- **Time to resolve:** not resolved yet (from the start)',
        '',
        '## Our actions',
        '',
        '- [ ] Autoscale the workers (owner @U0ALICE, no due date)',
        '',
      ].join('\n'),
    );
    expect((await app.api('POST', `/api/v1/incidents/${inc.id}/postmortem`)).body.markdown).toBe(body.markdown);
  });
});
