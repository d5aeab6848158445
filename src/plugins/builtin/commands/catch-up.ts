import { actionHandler, incidentCommand, slackTsDate } from '../../sdk/index.js';
import type { CatchUpWriter, HandlerContext } from '../../sdk/types.js';
import { renderCatchUp } from './catch-up-blocks.js';

/** The "Catch me up" button (the comms channel's welcome message, status updates). */
export const CATCH_UP_ACTION_ID = 'catch-up-button';

/** The button itself: anyone who joins late presses it for a private catch-up. */
export function catchMeUpButton(incident: { id: number }) {
  return { type: 'button' as const, action_id: CATCH_UP_ACTION_ID, text: { type: 'plain_text' as const, text: '🧭 Catch me up', emoji: true }, value: String(incident.id) };
}

export interface CatchUpDeps {
  /** The plugin that writes catch-ups in words, if one is registered. */
  catchUpWriter(): { plugin: string; handler: CatchUpWriter } | undefined;
}

/** Answers the acting user privately with the catch-up (or a plugin's summary of it in words). */
async function answerCatchUp(deps: CatchUpDeps, ctx: HandlerContext, askedAt: Date | undefined): Promise<void> {
  const catchUp = await ctx.incidents.catchUp(askedAt);
  const writer = deps.catchUpWriter();
  const text = writer ? await writer.handler.write({ incident: ctx.incident, catchUp, log: ctx.log }) : undefined;
  await ctx.ephemeral(renderCatchUp(catchUp, ctx.incident, text?.trim() && writer ? { written: { text: text.trim(), by: writer.plugin } } : {}));
}

/** `@incident catchup`: what you missed, only to you. */
export const catchUpCommand = (deps: CatchUpDeps) =>
  incidentCommand(
    ['catchup', 'catch-up', 'catchmeup'],
    'Catch me up: status, roles, what changed since I last posted, open actions and key events (only you see it)',
    async (ctx) => {
      await answerCatchUp(deps, ctx, slackTsDate(ctx.messageTs));
    },
  );

export const catchUpButton = (deps: CatchUpDeps) =>
  actionHandler(CATCH_UP_ACTION_ID, async (ctx) => {
    await answerCatchUp(deps, ctx, undefined);
  });
