import { viewHandler } from '../../sdk/index.js';
import type { UpdateStatus, ViewHandler } from '../../sdk/types.js';
import { DomainError } from '../../../core/shared/errors.js';
import { NEXT_UPDATE_MAX_MINUTES } from '../../../core/status-update/schemas.js';
import { PublishBlocks, StatusUpdateIds, UpdateBlocks } from './ids.js';
import { readPublish } from './publish-blocks.js';

/** The block showing a verb's error about a field (anything else shows under the message). */
const BLOCK_OF: Record<string, string> = { status: UpdateBlocks.status, message: UpdateBlocks.message, nextSteps: UpdateBlocks.nextSteps, nextUpdateInMinutes: UpdateBlocks.nextUpdate };

type Values = Record<string, Record<string, unknown>>;
const input = (values: Values, block: string) => values[block]?.value as { value?: string | null; selected_option?: { value?: string } | null } | undefined;

/** "" or absent: no next update; otherwise whole minutes in range, or what to fix. */
function nextUpdateMinutes(raw: string | null | undefined): number | null | { error: string } {
  const text = (raw ?? '').trim();
  if (!text) return null;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > NEXT_UPDATE_MAX_MINUTES) return { error: `Enter whole minutes from 1 to ${NEXT_UPDATE_MAX_MINUTES}, or leave it empty for no next update` };
  return n;
}

/**
 * The modal's submission: posts the update (the channel, the headline thread and the stakeholder
 * channel hear it from the event stream); a problem keeps the modal open with the reason next to its field.
 */
export function submitUpdateView(): ViewHandler {
  return viewHandler(StatusUpdateIds.modal, async (ctx): Promise<void | { errors: Record<string, string> }> => {
    const values = ctx.values as Values;
    const status = input(values, UpdateBlocks.status)?.selected_option?.value;
    const message = input(values, UpdateBlocks.message)?.value ?? '';
    const nextSteps = input(values, UpdateBlocks.nextSteps)?.value ?? null;
    const minutes = nextUpdateMinutes(input(values, UpdateBlocks.nextUpdate)?.value);
    if (!status) return { errors: { [UpdateBlocks.status]: 'Choose the status' } };
    if (!message.trim()) return { errors: { [UpdateBlocks.message]: 'Say what is happening now' } };
    if (minutes !== null && typeof minutes === 'object') return { errors: { [UpdateBlocks.nextUpdate]: minutes.error } };
    const publish = readPublish(values);
    if (publish && 'errors' in publish) return publish;
    try {
      await ctx.incidents.postStatusUpdate({ status: status as UpdateStatus, message, nextSteps, nextUpdateInMinutes: minutes, publish: publish?.publish ?? null });
    } catch (err) {
      if (!(err instanceof DomainError) || !['VALIDATION', 'FORBIDDEN', 'PRECONDITION_FAILED'].includes(err.code)) throw err;
      // Resolving with fields the team needs before closing empty: said next to the status that closes it.
      const block =
        (err.field && BLOCK_OF[err.field]) ||
        (err.field?.startsWith('publish') ? (err.field === 'publish.title' ? PublishBlocks.title : err.field === 'publish.body' ? PublishBlocks.body : PublishBlocks.publish) : undefined) || (err.field?.startsWith('custom_fields.') ? UpdateBlocks.status : UpdateBlocks.message);
      return { errors: { [block]: err.message.replace(/^\w+: /, '') } };
    }
  });
}
