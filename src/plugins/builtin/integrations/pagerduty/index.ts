import { definePlugin } from '../../../sdk/index.js';
import type { Plugin } from '../../../sdk/types.js';
import type { Clock } from '../../../../core/shared/context.js';
import type { PagerDutyConfig } from '../../../../config/integrations/pagerduty.js';
import { pagerDutyClient, type PagerDutyClient } from './client.js';
import { PAGERDUTY_LABEL, PAGERDUTY_PLUGIN } from './ids.js';
import { openPageModalAction, pageCommand, pageHeadlineButton } from './open-page.js';
import { pageTask } from './page-task.js';
import { resolvePagesOnResolve } from './resolve-on-close.js';
import { pagerDutyServices } from './services.js';
import { submitPageView } from './submit-page.js';
import { pagerDutyWebhook } from './webhook.js';

/**
 * PagerDuty: `@incident page` and the headline's "📟 Page" button open a modal (service, urgency,
 * message); the page triggers the service's alert through the Events API v2, shows who is on call
 * and invites them; PagerDuty's signed v3 webhooks put acknowledgements, escalations and
 * resolutions on the timeline; resolving the incident resolves what it paged.
 */
export function pagerDutyPlugin(config: PagerDutyConfig, deps: { clock?: Clock; client?: PagerDutyClient } = {}): Plugin {
  const client = deps.client ?? pagerDutyClient(config);
  const clock = deps.clock;
  const services = pagerDutyServices(config, client, clock ? () => clock.now().getTime() : Date.now);
  return definePlugin({
    name: PAGERDUTY_PLUGIN,
    label: PAGERDUTY_LABEL,
    commands: [pageCommand()],
    actions: [openPageModalAction(services)],
    views: [submitPageView(services)],
    headlineButtons: [pageHeadlineButton()],
    tasks: [pageTask(client, services)],
    incidentEvents: [resolvePagesOnResolve(client, services)],
    // Without a signing secret no delivery could be trusted, so there is no route at all.
    webhooks: config.webhookSecrets.length > 0 ? [pagerDutyWebhook(config.webhookSecrets, client)] : [],
  });
}
