import { z } from 'zod';
import { DEFAULT_INCIDENT_PROCESS, FIELD_KINDS, type IncidentProcess, type RoleDefinition, type SeverityDefinition } from '../core/shared/incident-process.js';
import { POSTMORTEM_PLACEHOLDERS, unknownPlaceholders } from '../core/postmortem/placeholders.js';

export { DEFAULT_INCIDENT_PROCESS, type IncidentProcess, type RoleDefinition, type SeverityDefinition } from '../core/shared/incident-process.js';

// How a team runs an incident, from `response.config.ts` (`severities`, `roles`, `statusUpdates`,
// `reactions`, `followUps`, `fields`, beside `plugins`): structured (role checklists, per-severity settings), so it lives in
// the config file rather than the environment. Every key is optional and falls back to the default.

const KEY = /^[a-z][a-z0-9_-]{0,39}$/;
const emojiName = z
  .string()
  .trim()
  .transform((v) => v.replace(/^:|:$/g, ''))
  .pipe(z.string().regex(/^[a-z0-9_+'-]+$/, 'must be an emoji name such as white_check_mark'));
const minutes = z.number().int('must be a whole number of minutes').positive('must be positive').max(24 * 60, 'must be at most 1440 (a day)');
const channelName = z
  .string()
  .trim()
  .transform((v) => v.replace(/^#/, ''))
  .pipe(z.string().min(1, 'must be a channel name or id'));

const roleSchema = z.object({
  key: z.string().regex(KEY, 'must be a short lower-case key such as comms (letters, digits, - and _)'),
  name: z.string().trim().min(1, 'must not be empty').max(60, 'must be at most 60 characters'),
  description: z.string().trim().max(500, 'must be at most 500 characters').default(''),
  checklist: z.array(z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters')).max(20, 'must have at most 20 lines').default([]),
  required: z.boolean().default(false),
});

const severitySchema = z.object({
  key: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be a short lower-case key such as sev1 or major (letters, digits, - and _)')
    // `none` stands for "no severity" in insights; `week` and `week_start` name columns beside the counts.
    .refine((k) => !['none', 'week', 'week_start'].includes(k), 'must not be none, week or week_start (reserved)'),
  label: z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters'),
  emoji: z.string().trim().min(1, 'must not be empty').max(16, 'must be one emoji, such as 🔥'),
  rank: z.number().int('must be a whole number').min(1, 'must be 1 (the most severe) or more').max(99, 'must be at most 99'),
  description: z.string().trim().max(150, 'must be at most 150 characters (Slack shows 150 under an option)').default(''),
  privateByDefault: z.boolean().default(false),
  autoCreateChannel: z.boolean().nullable().default(null),
});

const typeSchema = z.object({
  key: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be a short lower-case key such as security (letters, digits, - and _)'),
  label: z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters'),
  description: z.string().trim().max(150, 'must be at most 150 characters').default(''),
  defaultSeverity: z.string().nullable().default(null),
  privateByDefault: z.boolean().nullable().default(null),
  channelPrefix: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,19}$/, 'must be lower-case letters, digits, - and _ (at most 20), such as sec')
    .nullable()
    .default(null),
  roles: z.array(z.string()).max(20, 'must list at most 20 roles').default([]),
  requiredFields: z.array(z.string()).max(50, 'must list at most 50 fields').default([]),
});

const fieldKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a short lower-case key such as customer or root_cause (letters, digits and _)');
const fieldSchema = z
  .object({
    key: fieldKey,
    label: z.string().trim().min(1, 'must not be empty').max(60, 'must be at most 60 characters'),
    help: z.string().trim().max(150, 'must be at most 150 characters (Slack shows 150 under an input)').default(''),
    kind: z.enum(FIELD_KINDS, { message: `must be one of ${FIELD_KINDS.join(', ')}` }),
    options: z
      .array(
        z.object({
          key: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,74}$/, 'must be a short lower-case key such as eu-west (letters, digits, - and _)'),
          label: z.string().trim().min(1, 'must not be empty').max(75, 'must be at most 75 characters (a Slack option shows 75)'),
        }).strict(),
      )
      .max(100, 'must list at most 100 options (a Slack select shows 100)')
      .refine((list) => new Set(list.map((o) => o.key)).size === list.length, 'must not repeat a key')
      .default([]),
    types: z.array(z.string()).min(1, 'must list at least one type, or be left out for every type').nullable().default(null),
    requiredAt: z.enum(['declare', 'close'], { message: 'must be declare, close or null' }).nullable().default(null),
    showInHeadline: z.boolean().default(false),
  })
  .strict()
  .superRefine((f, ctx) => {
    const selects = f.kind === 'select' || f.kind === 'multi_select';
    if (selects && f.options.length === 0) ctx.addIssue({ code: 'custom', path: ['options'], message: `must list at least one option for a ${f.kind} field` });
    if (!selects && f.options.length > 0) ctx.addIssue({ code: 'custom', path: ['options'], message: `are only for select and multi_select fields (this one is ${f.kind})` });
  });

// Keys of the per-severity maps are checked against the configured scale after parsing.
const perSeverity = <T extends z.ZodType>(value: T) => z.record(z.string(), value);

const fileSchema = (base: IncidentProcess) => z
  .object({
    severities: z
      .array(severitySchema)
      .min(1, 'must list at least one severity')
      .max(10, 'must list at most 10 severities (a Slack select shows them all)')
      .refine((list) => new Set(list.map((s) => s.key)).size === list.length, 'must not repeat a key')
      .refine((list) => new Set(list.map((s) => s.rank)).size === list.length, 'must not repeat a rank')
      .optional(),
    types: z
      .array(typeSchema)
      .min(1, 'must list at least one type')
      .max(20, 'must list at most 20 types')
      .refine((list) => new Set(list.map((t) => t.key)).size === list.length, 'must not repeat a key')
      .optional(),
    fields: z
      .array(fieldSchema)
      .max(50, 'must list at most 50 fields')
      .refine((list) => new Set(list.map((f) => f.key)).size === list.length, 'must not repeat a key')
      .optional(),
    roles: z
      .array(roleSchema)
      .min(1, 'must list at least the incident lead')
      .refine((roles) => roles.some((r) => r.key === 'lead'), 'must include the incident lead (key: "lead")')
      .refine((roles) => new Set(roles.map((r) => r.key)).size === roles.length, 'must not repeat a key')
      .optional(),
    statusUpdates: z
      .object({
        cadenceMinutes: perSeverity(minutes.nullable()).optional(),
        stakeholderChannels: perSeverity(channelName).optional(),
        overdueAfterMinutes: minutes.optional(),
      })
      .strict()
      .optional(),
    reactions: z.object({ followUp: emojiName.optional(), timeline: emojiName.optional() }).strict().optional(),
    followUps: z.object({ dmOwnersOnClose: z.boolean().optional(), remindWhenPastDue: z.boolean().optional() }).strict().optional(),
    postmortem: z
      .object({
        template: z
          .string()
          .refine((t) => t.trim().length > 0, 'must not be empty (leave it out for the default template)')
          .refine((t) => t.length <= 20_000, 'must be at most 20000 characters')
          .optional(),
        askLeadOnResolve: z.boolean().optional(),
      })
      .strict()
      .optional(),
  })
  // `plugins` is read by the plugin loader and `integrations` by each integration (src/config/integrations/); anything else is a mistake worth naming.
  .extend({ plugins: z.unknown().optional(), integrations: z.unknown().optional() })
  .strict()
  // Per-severity settings must name configured severities: a typo would otherwise silently never apply.
  .superRefine((f, ctx) => {
    const keys = (f.severities ?? base.severities).map((s) => s.key);
    const roleKeys = (f.roles ?? base.roles).map((r) => r.key);
    const typeKeys = (f.types ?? base.types).map((t) => t.key);
    const fields = f.fields ?? base.fields;
    (f.types ?? []).forEach((t, i) => {
      t.requiredFields.forEach((k, j) => {
        const field = fields.find((d) => d.key === k);
        if (!field) ctx.addIssue({ code: 'custom', path: ['types', i, 'requiredFields', j], message: `is not a configured field (fields: ${fields.map((d) => d.key).join(', ') || 'none'})` });
        else if (field.types && !field.types.includes(t.key))
          ctx.addIssue({ code: 'custom', path: ['types', i, 'requiredFields', j], message: `is a field only of types ${field.types.join(', ')}; add ${t.key} to its types` });
      });
      if (t.defaultSeverity !== null && !keys.includes(t.defaultSeverity))
        ctx.addIssue({ code: 'custom', path: ['types', i, 'defaultSeverity'], message: `is not a configured severity (severities: ${keys.join(', ')})` });
      t.roles.forEach((r, j) => {
        if (!roleKeys.includes(r)) ctx.addIssue({ code: 'custom', path: ['types', i, 'roles', j], message: `is not a configured role (roles: ${roleKeys.join(', ')})` });
      });
    });
    const unknown = f.postmortem?.template === undefined ? [] : unknownPlaceholders(f.postmortem.template);
    if (unknown.length)
      ctx.addIssue({
        code: 'custom',
        path: ['postmortem', 'template'],
        message: `uses unknown placeholder${unknown.length === 1 ? '' : 's'} ${unknown.map((n) => `{{${n}}}`).join(', ')} (known: ${Object.keys(POSTMORTEM_PLACEHOLDERS).join(', ')})`,
      });
    (f.fields ?? []).forEach((d, i) => {
      d.types?.forEach((k, j) => {
        if (!typeKeys.includes(k)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'types', j], message: `is not a configured type (types: ${typeKeys.join(', ')})` });
      });
    });
    for (const map of ['cadenceMinutes', 'stakeholderChannels'] as const) {
      for (const k of Object.keys(f.statusUpdates?.[map] ?? {})) {
        if (!keys.includes(k)) ctx.addIssue({ code: 'custom', path: ['statusUpdates', map, k], message: `is not a configured severity (severities: ${keys.join(', ')})` });
      }
    }
  });

/** Reads the process settings of a loaded `response.config` module; throws with one line per problem. */
export function parseIncidentProcess(settings: unknown, source: string, base: IncidentProcess = DEFAULT_INCIDENT_PROCESS): IncidentProcess {
  const parsed = fileSchema(base).safeParse(settings ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${source}: ${i.path.join('.') || 'config'} ${i.code === 'unrecognized_keys' ? `has unknown ${i.keys.join(', ')} (known: plugins, severities, types, fields, roles, statusUpdates, reactions, followUps, postmortem)` : i.message}`);
    throw new IncidentProcessError(problems);
  }
  const f = parsed.data;
  const severities: SeverityDefinition[] = [...(f.severities ?? base.severities)].sort((a, b) => a.rank - b.rank);
  const keys = new Set(severities.map((s) => s.key));
  // Settings of the base for severities no longer configured are dropped with them.
  const onlyConfigured = <T>(map: Partial<Record<string, T>>) => Object.fromEntries(Object.entries(map).filter(([k]) => keys.has(k))) as Partial<Record<string, T>>;
  const roles: RoleDefinition[] = f.roles ?? base.roles;
  // The incident lead comes first wherever roles are listed, as it is the one every incident has.
  roles.sort((a, b) => (a.key === 'lead' ? -1 : b.key === 'lead' ? 1 : 0));
  return {
    severities,
    types: f.types ?? base.types,
    fields: f.fields ?? base.fields,
    roles,
    statusUpdates: {
      cadenceMinutes: onlyConfigured({ ...base.statusUpdates.cadenceMinutes, ...f.statusUpdates?.cadenceMinutes }),
      stakeholderChannels: onlyConfigured({ ...base.statusUpdates.stakeholderChannels, ...f.statusUpdates?.stakeholderChannels }),
      overdueAfterMinutes: f.statusUpdates?.overdueAfterMinutes ?? base.statusUpdates.overdueAfterMinutes,
    },
    reactions: { ...base.reactions, ...f.reactions },
    followUps: { ...base.followUps, ...f.followUps },
    postmortem: { template: f.postmortem?.template ?? base.postmortem.template, askLeadOnResolve: f.postmortem?.askLeadOnResolve ?? base.postmortem.askLeadOnResolve },
  };
}

export class IncidentProcessError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid incident process in the config file:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
