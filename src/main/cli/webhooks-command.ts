import { systemClock, type Ctx } from '../../core/shared/context.js';
import { createWebhookEndpoint } from '../../core/webhook/create-endpoint.js';
import { deleteWebhookEndpoint } from '../../core/webhook/delete-endpoint.js';
import { listWebhookDeliveries } from '../../core/webhook/list-deliveries.js';
import { listWebhookEndpoints } from '../../core/webhook/list-endpoints.js';
import type { WebhookDeps } from '../../core/webhook/ports.js';
import { redeliverFailedWebhooks, redeliverWebhook } from '../../core/webhook/redeliver.js';
import { rotateWebhookSecret } from '../../core/webhook/rotate-secret.js';
import { createStore } from '../../store/create-store.js';
import { webhookRepo } from '../../store/repositories/webhook-repo.js';
import type { CliCommand, CliIo } from './types.js';

const USAGE = `Usage:
  npm run cli -- webhooks list
  npm run cli -- webhooks add URL [--events TYPE,TYPE…] [--private] [--description TEXT]
  npm run cli -- webhooks remove ID
  npm run cli -- webhooks rotate ID
  npm run cli -- webhooks deliveries ID [--failed] [--limit N]
  npm run cli -- webhooks redeliver ID DELIVERY_ID | webhooks redeliver ID --failed`;

const ID = /^[1-9]\d{0,14}$/;

/** `--name value` and `--flag` options after the positional words. */
function options(args: string[]): { words: string[]; values: Map<string, string>; flags: Set<string> } | null {
  const words: string[] = [];
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--private' || arg === '--failed') flags.add(arg.slice(2));
    else if (arg === '--events' || arg === '--description' || arg === '--limit') {
      const value = args[++i];
      if (value === undefined) return null;
      values.set(arg.slice(2), value);
    } else if (arg.startsWith('--')) return null;
    else words.push(arg);
  }
  return { words, values, flags };
}

const line = (fields: (string | number | null)[]) => fields.map((f) => (f === null ? '-' : String(f).replace(/\s+/g, ' '))).join('\t');

/**
 * `npm run cli -- webhooks …`: outgoing webhook endpoints from the command line (the CLI acts as
 * Response itself, like `token`). A running Response sends what is queued on its next poll.
 */
export const webhooksCommand: CliCommand = {
  usage: 'webhooks list|add|…',
  description: 'outgoing webhook endpoints: list, add, remove, rotate, deliveries, redeliver',
  matches: (args) => args[0] === 'webhooks',
  async run(args: string[], io: CliIo): Promise<number> {
    const parsed = options(args.slice(2));
    const verb = args[1];
    const [first, second] = parsed?.words ?? [];
    const valid =
      parsed !== null &&
      ((verb === 'list' && parsed.words.length === 0) ||
        (verb === 'add' && parsed.words.length === 1) ||
        ((verb === 'remove' || verb === 'rotate' || verb === 'deliveries') && parsed.words.length === 1 && ID.test(first ?? '')) ||
        (verb === 'redeliver' &&
          ID.test(first ?? '') &&
          (parsed.flags.has('failed') ? parsed.words.length === 1 : parsed.words.length === 2 && ID.test(second ?? ''))));
    if (!valid || !parsed) {
      console.error(USAGE);
      return 2;
    }
    const database = await io.openDatabase();
    try {
      const deps: WebhookDeps = { store: createStore(database.db), webhooks: webhookRepo(database) };
      const ctx: Ctx = { actor: { kind: 'system', job: 'cli' }, clock: systemClock };
      const id = Number(first);
      switch (verb) {
        case 'list': {
          const endpoints = await listWebhookEndpoints(deps, ctx);
          if (endpoints.length === 0) console.log('No webhook endpoints yet. Add one with: npm run cli -- webhooks add https://…');
          for (const e of endpoints)
            console.log(
              line([
                e.id,
                e.enabled ? 'enabled' : 'disabled',
                e.url,
                e.eventTypes?.join(',') ?? 'all events',
                e.includePrivate ? 'private too' : 'public only',
                e.description || null,
              ]),
            );
          return 0;
        }
        case 'add': {
          const events = parsed.values.get('events');
          const { endpoint, secret } = await createWebhookEndpoint(deps, ctx, {
            url: first as string,
            description: parsed.values.get('description') ?? '',
            event_types: events === undefined ? null : events.split(',').map((t) => t.trim()),
            include_private: parsed.flags.has('private'),
          });
          console.error(`Added webhook endpoint ${endpoint.id} (${endpoint.url}). Its signing secret follows; store it now: it is not shown again.`);
          console.log(secret);
          return 0;
        }
        case 'remove':
          await deleteWebhookEndpoint(deps, ctx, id);
          console.log(`Removed webhook endpoint ${id} and its delivery log.`);
          return 0;
        case 'rotate': {
          const { secret } = await rotateWebhookSecret(deps, ctx, id);
          console.error(`New signing secret for webhook endpoint ${id}; the old one no longer signs. Store it now: it is not shown again.`);
          console.log(secret);
          return 0;
        }
        case 'deliveries': {
          const limit = Number(parsed.values.get('limit') ?? 50);
          const page = await listWebhookDeliveries(deps, ctx, id, { state: parsed.flags.has('failed') ? 'failed' : undefined, limit });
          if (page.results.length === 0) console.log(parsed.flags.has('failed') ? 'No failed deliveries.' : 'No deliveries yet.');
          for (const d of page.results)
            console.log(
              line([
                d.id,
                d.createdAt.toISOString(),
                d.eventType,
                d.incidentId === null ? null : `incident ${d.incidentId}`,
                d.state,
                `${d.attempts} attempts`,
                d.lastStatusCode === null ? null : `HTTP ${d.lastStatusCode}`,
                d.lastDurationMs === null ? null : `${d.lastDurationMs} ms`,
                d.lastError,
              ]),
            );
          return 0;
        }
        default: {
          const queued = parsed.flags.has('failed')
            ? await redeliverFailedWebhooks(deps, ctx, id)
            : (await redeliverWebhook(deps, ctx, id, Number(second)), [Number(second)]);
          console.log(
            `Queued ${queued.length} ${queued.length === 1 ? 'delivery' : 'deliveries'} again${queued.length ? ` (${queued.join(', ')})` : ''}: a running Response sends them on its next poll.`,
          );
          return 0;
        }
      }
    } finally {
      await database.close();
    }
  },
};
