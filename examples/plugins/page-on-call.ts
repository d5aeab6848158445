// A headline button that opens a modal, and the modal's submission: "📟 Page on-call" on every open
// incident's headline post asks who to page and why, then posts a confirmation in the comms
// channel and records it in the timeline (as done by this plugin, on behalf of the user).
import { actionHandler, definePlugin, headlineButton, viewHandler } from 'response/sdk';

export const PAGE_ACTION = 'page-on-call';
export const PAGE_MODAL = 'page-on-call-modal';

export default definePlugin({
  name: 'page-on-call',
  headlineButtons: [
    headlineButton(
      400,
      (incident) => ({ type: 'button', action_id: PAGE_ACTION, text: { type: 'plain_text', text: '📟 Page on-call', emoji: true }, value: String(incident.id) }),
      { when: (incident) => !incident.isResolved },
    ),
  ],
  actions: [
    actionHandler(PAGE_ACTION, async (ctx) => {
      await ctx.openModal({
        type: 'modal',
        callback_id: PAGE_MODAL,
        private_metadata: JSON.stringify({ incident_id: ctx.incident.id }),
        title: { type: 'plain_text', text: 'Page on-call' },
        submit: { type: 'plain_text', text: 'Page' },
        blocks: [
          { type: 'input', block_id: 'who', label: { type: 'plain_text', text: 'Who should be paged?' }, element: { type: 'users_select', action_id: 'user' } },
          { type: 'input', block_id: 'why', label: { type: 'plain_text', text: 'Why?' }, element: { type: 'plain_text_input', action_id: 'text', multiline: true } },
        ],
      });
    }),
  ],
  views: [
    viewHandler(PAGE_MODAL, async (ctx) => {
      const who = (ctx.values.who?.user as { selected_user?: string } | undefined)?.selected_user;
      const why = ((ctx.values.why?.text as { value?: string } | undefined)?.value ?? '').trim();
      // Field errors (keyed by block_id) keep the modal open.
      const errors: Record<string, string> = {};
      if (!who) errors.who = 'Choose someone to page';
      if (!why) errors.why = 'Say why, so they know what they are walking into';
      if (!who || Object.keys(errors).length > 0) return { errors };
      // A real plugin would call PagerDuty/Opsgenie here.
      const by = ctx.user ? ` by <@${ctx.user.slackId}>` : '';
      await ctx.say(`📟 <@${who}> has been paged${by}: ${why}`);
      await ctx.incidents.addTimelineEntry(`Paged <@${who}> (on-call): ${why}`);
    }),
  ],
});
