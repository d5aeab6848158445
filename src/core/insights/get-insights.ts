import { z } from 'zod';
import type { CoreDeps } from '../store-ports.js';
import { authorizeActor } from '../shared/authorize.js';
import type { Ctx } from '../shared/context.js';
import { invalid } from '../shared/errors.js';
import { storableDateSchema } from '../shared/input-limits.js';
import { validate } from '../shared/validate.js';
import type { FieldCounts, InsightsAnswer, InsightsRepo } from './ports.js';
import { checkSeverityKey, checkTypeKey, incidentProcessOf } from '../shared/incident-process.js';
import { severitySchema, typeSchema } from '../incident/schemas.js';

const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 3 * 366;

const inputSchema = z.object({
  from: storableDateSchema().optional(),
  to: storableDateSchema().optional(),
  type: typeSchema.optional(),
  severity: severitySchema.optional(),
});

/**
 * Incident numbers over a date range (default: the last 90 days), counted by when incidents
 * started, optionally of one type and one severity. Aggregates only: private incidents are counted
 * but never named.
 */
export async function getInsights(deps: CoreDeps & { insights: InsightsRepo }, ctx: Ctx, input: z.input<typeof inputSchema>): Promise<InsightsAnswer> {
  await authorizeActor(deps, ctx);
  const data = validate(inputSchema, input);
  const now = ctx.clock.now();
  const to = data.to ?? now;
  const from = data.from ?? new Date(to.getTime() - 90 * DAY_MS);
  if (from > to) throw invalid('from', 'from must be before to');
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) throw invalid('from', `the range can be at most ${MAX_RANGE_DAYS} days`);
  const process = incidentProcessOf(deps);
  // As in the list: a typo would silently count nothing.
  const severityProblem = data.severity && checkSeverityKey(process, data.severity);
  if (severityProblem) throw invalid('severity', `severity ${severityProblem}`);
  const typeProblem = data.type && checkTypeKey(process, data.type);
  if (typeProblem) throw invalid('type', `type ${typeProblem}`);
  // Severities are listed in the configured order (most severe first); ones no longer configured follow.
  const figures = await deps.insights.insights({ from, to, now, type: data.type, severity: data.severity }, 10, {
    severities: process.severities.map((s) => s.key),
    types: process.types.map((t) => t.key),
    cadenceMinutes: process.statusUpdates.cadenceMinutes,
  });
  const filter = { from, to, now, type: data.type, severity: data.severity };
  // Each single-select field: how the incidents split by its value (multi selects and free text don't partition).
  const byField: FieldCounts[] = await Promise.all(
    process.fields
      .filter((f) => f.kind === 'select')
      .map(async (f) => {
        const found = new Map((await deps.insights.countBy(filter, { field: f.key })).map((r) => [r.key, r.count]));
        const others = [...found.keys()].filter((k) => k !== 'none' && !f.options.some((o) => o.key === k)).sort();
        const counts = [
          ...f.options.map((o) => ({ value: o.key, label: o.label, count: found.get(o.key) ?? 0 })),
          ...others.map((k) => ({ value: k, label: k, count: found.get(k) ?? 0 })),
          { value: 'none', label: `No ${f.label.toLowerCase()}`, count: found.get('none') ?? 0 },
        ];
        return { key: f.key, label: f.label, counts };
      }),
  );
  return { from, to, type: data.type ?? null, severity: data.severity ?? null, ...figures, byField };
}
