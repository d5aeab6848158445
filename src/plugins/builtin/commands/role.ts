import { incidentProcessOf, type RoleDefinition } from '../../../core/shared/incident-process.js';
import { knownRolesText } from '../../../core/role/role-input.js';
import { escapeMrkdwn, incidentCommand } from '../../sdk/index.js';
import type { CommandResult, HandlerContext, IncidentCommand } from '../../sdk/types.js';
import { setBy } from './confirm.js';
import type { CommandDeps } from './shared.js';

const SELF = new Set(['me', 'myself', 'i']);
const NOBODY = new Set(['none', 'nobody', 'clear', 'no one', 'noone', '-']);

/**
 * The role the text starts with (its key or whole name, any case) and the rest of the text.
 * Longest first, so a name that starts with another role's key is read as the longer one.
 */
export function splitRole(roles: readonly RoleDefinition[], text: string): { role: RoleDefinition; rest: string } | null {
  const t = text.trim().replace(/\s+/g, ' ');
  const lower = t.toLowerCase();
  const candidates = roles.flatMap((role) => [role.key, role.name].map((label) => ({ role, label: label.toLowerCase() })));
  candidates.sort((a, b) => b.label.length - a.label.length);
  for (const c of candidates) {
    if (lower === c.label || lower.startsWith(`${c.label} `)) return { role: c.role, rest: t.slice(c.label.length).trim() };
  }
  return null;
}

const usage = (role = 'comms') => `\`@incident role ${role} @someone\` (or \`me\`, or \`none\` to clear it)`;

/** Who the rest of the command names: the caller, nobody, or one person; a hint when it can't tell. */
async function holderNamed(ctx: HandlerContext, role: RoleDefinition, named: string): Promise<{ slackId: string | null; note: string } | { hint: string }> {
  const lower = named.toLowerCase();
  if (SELF.has(lower)) {
    if (!ctx.user) return { hint: `Tell me who should be ${role.name}: ${usage(role.key)}` };
    return { slackId: ctx.user.slackId, note: '' };
  }
  if (NOBODY.has(lower)) return { slackId: null, note: '' };
  const mention = /<@[UW][A-Z0-9]+(?:\|[^>]*)?>/.exec(named)?.[0];
  const match = await ctx.people.find(mention ?? named);
  if (!match.found) return { hint: `${match.hint}\nUsage: ${usage(role.key)}` };
  return { slackId: match.slackId, note: match.by === 'name' ? `I took "${named}" to mean <@${match.slackId}> (${match.name}). ` : '' };
}

async function assign(ctx: HandlerContext, role: RoleDefinition, slackId: string | null, note: string): Promise<CommandResult> {
  const holder = ctx.incident.roles.find((r) => r.role === role.key)?.user.slackId ?? null;
  const { changed } = await ctx.incidents.assignRole(role.key, slackId);
  if (!changed) return { handled: true, hint: `${note}${slackId ? `<@${slackId}> is already ${role.name}.` : `Nobody is ${role.name}.`}` };
  await ctx.say(
    slackId
      ? `🎭 <@${slackId}> is now *${role.name}*${setBy(ctx, slackId)}`
      : `🎭 <@${holder ?? ''}> is no longer *${role.name}*${setBy(ctx, holder ?? undefined)}`,
  );
  return note ? { handled: true, hint: note.trim() } : undefined;
}

/** `@incident role <role> @person|me|none`: gives a role (key or name, any case) to someone, or clears it. */
const roleCommand = (deps: CommandDeps): IncidentCommand =>
  incidentCommand(
    ['role'],
    'Give someone a role (`@incident roles` lists them), or clear it with `none`',
    async (ctx) => {
      const roles = incidentProcessOf(deps).roles;
      const args = ctx.args.trim();
      if (!args) return { handled: false, hint: `Name a role and a person: ${usage()}. Roles: ${knownRolesText(roles)}` };
      const split = splitRole(roles, args);
      if (!split) {
        const word = escapeMrkdwn(args.split(/\s+/)[0] ?? args);
        return { handled: false, hint: `I don't know the role "${word}". Roles: ${knownRolesText(roles)}. Usage: ${usage()}` };
      }
      if (!split.rest) return { handled: false, hint: `Tell me who should be ${split.role.name}: ${usage(split.role.key)}` };
      const holder = await holderNamed(ctx, split.role, split.rest);
      if ('hint' in holder) return { handled: false, hint: holder.hint };
      return assign(ctx, split.role, holder.slackId, holder.note);
    },
    { usage: '<role> <@user|me|none>' },
  );

/** `@incident roles`: every role, who holds it and what it is for (to the caller only). */
const rolesCommand = (deps: CommandDeps): IncidentCommand =>
  incidentCommand(['roles'], 'List the incident roles, who holds them and what they do', async (ctx) => {
    const roles = incidentProcessOf(deps).roles;
    const held = new Map(ctx.incident.roles.map((r) => [r.role, r]));
    const lines = roles.map((role) => {
      const holder = held.get(role.key)?.user;
      const who = holder ? `<@${holder.slackId}>` : role.required ? '_nobody yet (needed)_' : '_nobody_';
      return `• *${escapeMrkdwn(role.name)}* (\`${role.key}\`): ${who} — ${escapeMrkdwn(role.description)}`;
    });
    // Assignments of roles no longer configured still show, so nobody wonders where they went.
    for (const r of ctx.incident.roles) if (!roles.some((d) => d.key === r.role)) lines.push(`• *${escapeMrkdwn(r.name)}*: <@${r.user.slackId}>`);
    await ctx.ephemeral(`*Roles in incident ${ctx.incident.id}*\n${lines.join('\n')}\nGive one with ${usage()}.`);
  });

/** The role commands, for the commands plugin. */
export const roleCommands = (deps: CommandDeps): IncidentCommand[] => [roleCommand(deps), rolesCommand(deps)];
