import { afterAll, beforeAll, expect, it } from 'vitest';
import { declareViaSlack } from '../plugins/helpers.js';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';

let t: SlackTestApp;
beforeAll(async () => {
  t = await startSlackTestApp({ env: { AUTO_CREATE_CHANNEL: 'true' } });
});
afterAll(() => t?.close());

it('counts Slack acks, Web API calls by method and outcome, and reminders sent', async () => {
  t.emulator.failNext('bookmarks.add', { error: 'missing_scope' });
  await declareViaSlack(t);
  for (let i = 0; i < 3; i++) {
    t.clock.advance(60_000);
    await t.app.reminders.sweep();
  }
  await t.settle();
  const text = await (await fetch(`${t.baseUrl}/metrics`)).text();
  expect(text).toMatch(/response_slack_ack_duration_seconds_count\{kind="slash_command"\} [1-9]/);
  expect(text).toMatch(/response_slack_ack_duration_seconds_count\{kind="view_submission"\} [1-9]/);
  expect(text).toMatch(/response_slack_api_calls_total\{method="chat.postMessage",outcome="ok"\} [1-9]/);
  expect(text).toMatch(/response_slack_api_calls_total\{method="views.open",outcome="ok"\} 1/);
  expect(text).toMatch(/response_slack_api_calls_total\{method="bookmarks.add",outcome="missing_scope"\} 1/);
  expect(text).toMatch(/response_reminders_sent_total\{key="[^"]*lead[^"]*"\} 1/);
});
