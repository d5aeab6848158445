import type { Button, View } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { describe, expectTypeOf, it } from 'vitest';
import {
  actionHandler,
  definePlugin,
  eventHandler,
  headlineButton,
  incidentCommand,
  keywordHandler,
  onIncidentEvent,
  recurringNotification,
  singleNotification,
  viewHandler,
  type ActionHandler,
  type CommandResult,
  type EventHandler,
  type HandlerContext,
  type HeadlineButton,
  type IncidentCommand,
  type IncidentEvent,
  type IncidentEventHandler,
  type IncidentEventType,
  type IncidentVerbs,
  type IncidentView,
  type KeywordHandler,
  type MessageContent,
  type PersonMatch,
  type Notification,
  type Plugin,
  type ViewHandler,
} from '../../src/plugins/sdk/index.js';

// The SDK is a public contract: these pin what plugin authors build against. Changing one of them
// breaks users' plugins, so a failure here means "this needs a major version", not "update the test".
describe('plugin SDK public types', () => {
  it('definePlugin takes and returns a Plugin with every building block optional', () => {
    expectTypeOf(definePlugin).parameter(0).toEqualTypeOf<Plugin>();
    expectTypeOf(definePlugin).returns.toEqualTypeOf<Plugin>();
    expectTypeOf<Plugin>().toHaveProperty('name').toEqualTypeOf<string>();
    expectTypeOf<Plugin['commands']>().toEqualTypeOf<IncidentCommand[] | undefined>();
    expectTypeOf<Plugin['keywords']>().toEqualTypeOf<KeywordHandler[] | undefined>();
    expectTypeOf<Plugin['events']>().toEqualTypeOf<EventHandler[] | undefined>();
    expectTypeOf<Plugin['actions']>().toEqualTypeOf<ActionHandler[] | undefined>();
    expectTypeOf<Plugin['views']>().toEqualTypeOf<ViewHandler[] | undefined>();
    expectTypeOf<Plugin['notifications']>().toEqualTypeOf<Notification[] | undefined>();
    expectTypeOf<Plugin['headlineButtons']>().toEqualTypeOf<HeadlineButton[] | undefined>();
    expectTypeOf<Plugin['incidentEvents']>().toEqualTypeOf<IncidentEventHandler[] | undefined>();
    expectTypeOf({ name: 'minimal' }).toExtend<Plugin>();
  });

  it('handlers get the incident, the user, a Slack client, helpers and core verbs', () => {
    expectTypeOf<HandlerContext['incident']>().toEqualTypeOf<IncidentView>();
    expectTypeOf<HandlerContext['user']>().toEqualTypeOf<{ slackId: string } | null>();
    expectTypeOf<HandlerContext['client']>().toEqualTypeOf<WebClient>();
    expectTypeOf<HandlerContext['say']>().toEqualTypeOf<(message: MessageContent) => Promise<string | undefined>>();
    expectTypeOf<HandlerContext['reply']>().toEqualTypeOf<(message: MessageContent) => Promise<string | undefined>>();
    expectTypeOf<HandlerContext['ephemeral']>().toEqualTypeOf<(message: MessageContent) => Promise<void>>();
    expectTypeOf<HandlerContext['openModal']>().toEqualTypeOf<(view: View) => Promise<void>>();
    expectTypeOf<HandlerContext['createCommsChannel']>().toEqualTypeOf<() => Promise<IncidentView>>();
    expectTypeOf<HandlerContext['incidents']>().toEqualTypeOf<IncidentVerbs>();
    expectTypeOf<HandlerContext['people']['find']>().toEqualTypeOf<(text: string) => Promise<PersonMatch>>();
    expectTypeOf<Extract<PersonMatch, { found: true }>>().toEqualTypeOf<{ found: true; slackId: string; name: string; by: 'mention' | 'name' }>();
    expectTypeOf<IncidentView>().toHaveProperty('duration').toEqualTypeOf<string>();
    expectTypeOf<IncidentView>().toHaveProperty('docUrl').toEqualTypeOf<string>();
    expectTypeOf<IncidentView>().toHaveProperty('isResolved').toEqualTypeOf<boolean>();
    expectTypeOf<MessageContent>().toEqualTypeOf<string | { text: string; blocks?: import('@slack/types').KnownBlock[] }>();
  });

  it('core verbs change the incident; there is no raw database access', () => {
    expectTypeOf<keyof IncidentVerbs>().toEqualTypeOf<
      | 'update'
      | 'close'
      | 'reopen'
      | 'addAction'
      | 'addTimelineEntry'
      | 'getAction'
      | 'updateAction'
      | 'requestActionIssue'
      | 'linkActionIssue'
      | 'failActionIssue'
      | 'postStatusUpdate'
      | 'recordChannelRename'
      | 'assignRole'
      | 'refresh'
      | 'catchUp'
    >();
    expectTypeOf<IncidentVerbs['postStatusUpdate']>().parameter(0).toExtend<{ status: 'investigating' | 'identified' | 'monitoring' | 'resolved'; message: string }>();
    expectTypeOf<IncidentVerbs['assignRole']>().parameters.toEqualTypeOf<[string, string | null]>();
    expectTypeOf<IncidentVerbs['assignRole']>().returns.resolves.toEqualTypeOf<{ incident: IncidentView; changed: boolean }>();
    expectTypeOf<IncidentView['roles']>().toEqualTypeOf<{ role: string; name: string; user: { id: number; slackId: string; displayName: string; fullName: string | null } }[]>();
    expectTypeOf<IncidentVerbs['update']>().parameter(0).toExtend<{ severity?: string | null; lead?: string | null }>();
    expectTypeOf<IncidentView['severityLevel']>().toEqualTypeOf<{ key: string; label: string; emoji: string; rank: number; configured: boolean } | null>();
    expectTypeOf<IncidentVerbs['close']>().returns.resolves.toEqualTypeOf<{ incident: IncidentView; closed: boolean }>();
    expectTypeOf<HandlerContext>().not.toHaveProperty('db');
  });

  it('incidentCommand(names, help, handler, { usage })', () => {
    const cmd = incidentCommand(['hello', 'hi'], 'Say hello', async (ctx) => {
      expectTypeOf(ctx.args).toEqualTypeOf<string>();
      expectTypeOf(ctx.messageTs).toEqualTypeOf<string>();
      await ctx.say('hello');
    }, { usage: '[name]' });
    expectTypeOf(cmd).toEqualTypeOf<IncidentCommand>();
    expectTypeOf<CommandResult>().toEqualTypeOf<void | boolean | { handled: boolean; hint?: string }>();
    // @ts-expect-error names are a list
    incidentCommand('hello', 'Say hello', async () => undefined);
  });

  it('keywordHandler takes words, phrases or regular expressions', () => {
    const k = keywordHandler(['runbook', 'run book', /\bsev[1-4]\b/i], async (ctx) => {
      expectTypeOf(ctx.keyword).toEqualTypeOf<string>();
      expectTypeOf(ctx.text).toEqualTypeOf<string>();
      expectTypeOf(ctx.messageTs).toEqualTypeOf<string>();
    });
    expectTypeOf(k).toEqualTypeOf<KeywordHandler>();
  });

  it('eventHandler: any event type, the incident may be absent when listening everywhere', () => {
    const e = eventHandler('reaction_added', async (ctx) => {
      expectTypeOf(ctx.incident).toEqualTypeOf<IncidentView | null>();
      expectTypeOf(ctx.incidents).toEqualTypeOf<IncidentVerbs | null>();
      expectTypeOf(ctx.event).toEqualTypeOf<Record<string, unknown>>();
    }, { scope: 'everywhere' });
    expectTypeOf(e).toEqualTypeOf<EventHandler>();
    expectTypeOf<EventHandler['scope']>().toEqualTypeOf<'incident' | 'everywhere'>();
  });

  it('actionHandler and viewHandler', () => {
    const a = actionHandler('my-button', async (ctx) => {
      expectTypeOf(ctx.value).toEqualTypeOf<string | undefined>();
      expectTypeOf(ctx.triggerId).toEqualTypeOf<string>();
    });
    expectTypeOf(a).toEqualTypeOf<ActionHandler>();
    const v = viewHandler('my-modal', async (ctx) => {
      expectTypeOf(ctx.values).toEqualTypeOf<Record<string, Record<string, unknown>>>();
      expectTypeOf(ctx.privateMetadata).toEqualTypeOf<string>();
      return { errors: { field: 'wrong' } };
    });
    expectTypeOf(v).toEqualTypeOf<ViewHandler>();
    expectTypeOf<ReturnType<ViewHandler['handler']>>().toEqualTypeOf<Promise<void | { errors: Record<string, string> }>>();
  });

  it('recurring and single notifications', () => {
    const r = recurringNotification({ intervalMinutes: 30, maxNotifications: 10, when: (i) => i.lead === null, workingHours: [9, 17] }, async (ctx) => {
      await ctx.say('break time');
    });
    expectTypeOf(r).toEqualTypeOf<Notification>();
    const s = singleNotification({ delayMinutes: 60 }, async () => false);
    expectTypeOf(s).toEqualTypeOf<Notification>();
    expectTypeOf<Notification['handler']>().returns.toEqualTypeOf<Promise<void | boolean>>();
    // @ts-expect-error a single notification has no interval or limit
    singleNotification({ delayMinutes: 1, maxNotifications: 3 }, async () => undefined);
  });

  it('headlineButton(order, button, { when })', () => {
    const b = headlineButton(400, (incident) => ({ type: 'button', action_id: 'x', text: { type: 'plain_text', text: `Go ${incident.id}` } }), { when: (i) => !i.isResolved });
    expectTypeOf(b).toEqualTypeOf<HeadlineButton>();
    expectTypeOf<HeadlineButton['button']>().returns.toEqualTypeOf<Button>();
    expectTypeOf<HeadlineButton['order']>().toEqualTypeOf<number>();
  });

  it('onIncidentEvent(types, handler): the event is narrowed to the types asked for, with the usual context', () => {
    const h = onIncidentEvent(['incident.updated', 'incident.resolved'], async (ctx) => {
      expectTypeOf(ctx.event.type).toEqualTypeOf<'incident.updated' | 'incident.resolved'>();
      expectTypeOf(ctx.event).toEqualTypeOf<IncidentEvent<'incident.updated' | 'incident.resolved'>>();
      expectTypeOf(ctx.event.id).toEqualTypeOf<string>();
      expectTypeOf(ctx.event.incident_id).toEqualTypeOf<number>();
      expectTypeOf(ctx.event.private).toEqualTypeOf<boolean>();
      expectTypeOf(ctx.event.actor.label).toEqualTypeOf<string>();
      const severity = ctx.event.data.changes.find((c) => c.field === 'severity');
      if (severity?.field === 'severity') expectTypeOf(severity.new).toEqualTypeOf<string | null>();
      expectTypeOf(ctx.idempotencyKey).toEqualTypeOf<string>();
      expectTypeOf(ctx.incident).toEqualTypeOf<IncidentView>();
      expectTypeOf(ctx.incidents).toEqualTypeOf<IncidentVerbs>();
      await ctx.say('changed');
    });
    expectTypeOf(h).toEqualTypeOf<IncidentEventHandler<'incident.updated' | 'incident.resolved'>>();
    expectTypeOf(h).toExtend<IncidentEventHandler>();
    expectTypeOf({ name: 'p', incidentEvents: [h] }).toExtend<Plugin>();
    expectTypeOf<IncidentEventType>().toEqualTypeOf<
      | 'incident.declared'
      | 'incident.updated'
      | 'incident.resolved'
      | 'incident.reopened'
      | 'incident.comms_channel_attached'
      | 'incident.comms_channel_renamed'
      | 'timeline.entry_added'
      | 'timeline.entry_updated'
      | 'timeline.entry_removed'
      | 'action.created'
      | 'action.updated'
      | 'action.completed'
      | 'action.removed'
      | 'action.past_due'
      | 'action.issue_requested'
      | 'action.issue_linked'
      | 'action.issue_failed'
      | 'status_update.posted'
      | 'role.assigned'
      | 'role.unassigned'
      | 'postmortem.started'
      | 'postmortem.saved'
      | 'postmortem.reviewed'
    >();
    onIncidentEvent(['action.completed'], async (ctx) => {
      expectTypeOf(ctx.event.data.action.done).toEqualTypeOf<boolean>();
      // @ts-expect-error an action event has no incident snapshot
      void ctx.event.data.incident;
    });
    // @ts-expect-error only known event types
    onIncidentEvent(['incident.exploded'], async () => undefined);
  });
});
