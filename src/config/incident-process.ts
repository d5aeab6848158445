import { z } from 'zod';
import { SEVERITIES, type Severity } from '../core/incident/model.js';
import { DEFAULT_INCIDENT_PROCESS, type IncidentProcess, type RoleDefinition } from '../core/shared/incident-process.js';

export { DEFAULT_INCIDENT_PROCESS, type IncidentProcess, type RoleDefinition } from '../core/shared/incident-process.js';

// How a team runs an incident, from `response.config.ts` (`roles`, `statusUpdates`, `reactions`,
// `followUps`, beside `plugins`): structured (role checklists, per-severity settings), so it lives in
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

const perSeverity = <T extends z.ZodType>(value: T) => z.object(Object.fromEntries(SEVERITIES.map((s) => [s, value.optional()])) as Record<Severity, z.ZodOptional<T>>).strict();

const fileSchema = z
  .object({
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
  })
  // `plugins` is read by the plugin loader; anything else is a mistake worth naming.
  .extend({ plugins: z.unknown().optional() })
  .strict();

/** Reads the process settings of a loaded `response.config` module; throws with one line per problem. */
export function parseIncidentProcess(settings: unknown, source: string, base: IncidentProcess = DEFAULT_INCIDENT_PROCESS): IncidentProcess {
  const parsed = fileSchema.safeParse(settings ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${source}: ${i.path.join('.') || 'config'} ${i.code === 'unrecognized_keys' ? `has unknown ${i.keys.join(', ')} (known: plugins, roles, statusUpdates, reactions, followUps)` : i.message}`);
    throw new IncidentProcessError(problems);
  }
  const f = parsed.data;
  const roles: RoleDefinition[] = f.roles ?? base.roles;
  // The incident lead comes first wherever roles are listed, as it is the one every incident has.
  roles.sort((a, b) => (a.key === 'lead' ? -1 : b.key === 'lead' ? 1 : 0));
  return {
    roles,
    statusUpdates: {
      cadenceMinutes: { ...base.statusUpdates.cadenceMinutes, ...f.statusUpdates?.cadenceMinutes },
      stakeholderChannels: { ...base.statusUpdates.stakeholderChannels, ...f.statusUpdates?.stakeholderChannels },
      overdueAfterMinutes: f.statusUpdates?.overdueAfterMinutes ?? base.statusUpdates.overdueAfterMinutes,
    },
    reactions: { ...base.reactions, ...f.reactions },
    followUps: { ...base.followUps, ...f.followUps },
  };
}

export class IncidentProcessError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid incident process in the config file:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
