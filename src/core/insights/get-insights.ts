import { z } from 'zod';
import type { CoreDeps } from '../store-ports.js';
import { authorizeActor } from '../shared/authorize.js';
import type { Ctx } from '../shared/context.js';
import { invalid } from '../shared/errors.js';
import { storableDateSchema } from '../shared/input-limits.js';
import { validate } from '../shared/validate.js';
import type { Insights, InsightsRepo } from './ports.js';
import { incidentProcessOf } from '../shared/incident-process.js';

const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 3 * 366;

const inputSchema = z.object({ from: storableDateSchema().optional(), to: storableDateSchema().optional() });

/**
 * Incident numbers over a date range (default: the last 90 days), counted by when incidents
 * started. Aggregates only: private incidents are counted but never named.
 */
export async function getInsights(deps: CoreDeps & { insights: InsightsRepo }, ctx: Ctx, input: z.input<typeof inputSchema>): Promise<Insights & { from: Date; to: Date }> {
  await authorizeActor(deps, ctx);
  const data = validate(inputSchema, input);
  const to = data.to ?? ctx.clock.now();
  const from = data.from ?? new Date(to.getTime() - 90 * DAY_MS);
  if (from > to) throw invalid('from', 'from must be before to');
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) throw invalid('from', `the range can be at most ${MAX_RANGE_DAYS} days`);
  // Severities are listed in the configured order (most severe first); ones no longer configured follow.
  const severities = incidentProcessOf(deps).severities.map((s) => s.key);
  return { from, to, ...(await deps.insights.insights({ from, to }, 10, severities)) };
}
