import type { KnownBlock } from '@slack/types';
import { actionHandler, headlineButton, incidentCommand } from '../../../sdk/index.js';
import type { ActionHandler, HeadlineButton, IncidentCommand, IncidentView } from '../../../sdk/types.js';
import { VendorError } from '../vendor-http.js';
import { PagerDutyIds } from './ids.js';
import { renderPageModal } from './modal.js';
import type { PagerDutyServices } from './services.js';

/** Listing services must leave time to open the modal before Slack's trigger id expires (3 s). */
const LIST_TIMEOUT_MS = 2000;

/** The "📟 Page" button: the headline carries it, and `@incident page` answers with it. */
export function pageButton(incident: Pick<IncidentView, 'id'>) {
  return { type: 'button' as const, action_id: PagerDutyIds.openModal, text: { type: 'plain_text' as const, text: '📟 Page', emoji: true }, value: String(incident.id) };
}

/** Paging someone invites them to the comms channel, so the page waits for it; a resolved incident pages nobody. */
const canPage = (incident: IncidentView) => !incident.isResolved && !incident.reportOnly && incident.commsChannel !== null;

function whyNot(incident: IncidentView): string | null {
  if (incident.reportOnly) return 'This is a report of something that already happened, so there is nobody to page.';
  if (incident.isResolved) return `Incident ${incident.id} is resolved; reopen it before paging anyone.`;
  if (!incident.commsChannel) return `Create incident ${incident.id}'s channel first: the people paged are invited to it.`;
  return null;
}

/** `@incident page`: an app mention has no trigger id to open a modal with, so it answers (privately) with the button. */
export function pageCommand(): IncidentCommand {
  return incidentCommand(
    ['page'],
    'Page the people on call for a PagerDuty service and invite them to this channel',
    async (ctx) => {
      const reason = whyNot(ctx.incident);
      if (reason) return { handled: false, hint: reason };
      const text = `📟 Page someone with PagerDuty for incident ${ctx.incident.id}: choose the service, the urgency and what to tell them.`;
      const blocks: KnownBlock[] = [{ type: 'section', block_id: 'pagerduty_prompt', text: { type: 'mrkdwn', text }, accessory: pageButton(ctx.incident) }];
      await ctx.ephemeral({ text, blocks });
    },
  );
}

/** After the built-ins (100 create channel, 200 edit, 300 close). */
export function pageHeadlineButton(): HeadlineButton {
  return headlineButton(400, (incident) => pageButton(incident), { when: canPage });
}

export function openPageModalAction(services: PagerDutyServices): ActionHandler {
  return actionHandler(PagerDutyIds.openModal, async (ctx) => {
    const reason = whyNot(ctx.incident);
    if (reason) return void (await ctx.ephemeral(reason));
    let list;
    try {
      list = await services.all({ timeoutMs: LIST_TIMEOUT_MS });
    } catch (err) {
      const why = err instanceof VendorError ? err.message : 'PagerDuty could not be reached';
      ctx.log.warn('could not list PagerDuty services', { err: why });
      return void (await ctx.ephemeral(`📟 Could not list the PagerDuty services (${why}). Try again in a moment, or list them in response.config.ts (integrations.pagerduty.services).`));
    }
    if (list.length === 0) {
      return void (await ctx.ephemeral('📟 PagerDuty has no service with an Events API v2 integration to page. Add one to a service in PagerDuty (or list services in response.config.ts), then try again.'));
    }
    await ctx.openModal(renderPageModal(ctx.incident, list));
  });
}
