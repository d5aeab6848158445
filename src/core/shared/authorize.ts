import type { Incident } from '../incident/model.js';
import type { Tx } from '../store-ports.js';
import type { Actor, Ctx } from './context.js';
import { DomainError, notFound } from './errors.js';
import { DEFAULT_PERMISSIONS, describeRule, PERMISSION_ENV, PERMISSION_WORDS, type Permission, type Permissions } from './permissions.js';

/**
 * Who acts, as far as authorisation cares. Every core verb starts by turning `ctx.actor` into
 * this (one of the `authorize…` functions below), whatever surface it came from: Slack, the REST
 * API, the web UI, a plugin or the CLI.
 */
export interface Viewer {
  actor: Actor;
  /** The Slack user behind the actor, when there is one. */
  slackId: string | null;
  /**
   * Sees every incident and passes every permission: Slack workspace admins, API tokens (only
   * admins create them), Response's own jobs and the CLI (`system`), plugins acting on their own
   * (code the operator installed), and the trusted anonymous web user of RESPONSE_LOGIN_REQUIRED=false.
   */
  isAdmin: boolean;
}

type UserLookup = { store: Pick<Tx, 'users'> };

/** What the checks read: CoreDeps, or (inside a transaction) `{ store: tx, permissions }`. */
export interface AuthDeps {
  store: Pick<Tx, 'users' | 'incidents' | 'channelMembers'>;
  permissions?: Permissions;
}

/** The viewer behind ctx.actor. A Slack user is an admin when Slack says so (users.is_admin, kept by the Slack edge). */
export async function resolveViewer(deps: UserLookup, ctx: Ctx): Promise<Viewer> {
  const actor = ctx.actor;
  switch (actor.kind) {
    case 'system':
    case 'api_token':
      return { actor, slackId: null, isAdmin: true };
    case 'plugin':
      // A plugin acting for a Slack user has that user's rights, never more.
      if (!actor.slackId) return { actor, slackId: null, isAdmin: true };
      return { actor, slackId: actor.slackId, isAdmin: (await deps.store.users.getBySlackId(actor.slackId))?.isAdmin ?? false };
    case 'web_user':
      // Only RESPONSE_LOGIN_REQUIRED=false makes a web user without a Slack identity (trusted local use).
      if (!actor.slackId) return { actor, slackId: null, isAdmin: true };
      return { actor, slackId: actor.slackId, isAdmin: (await deps.store.users.getBySlackId(actor.slackId))?.isAdmin ?? false };
    case 'slack_user':
      return { actor, slackId: actor.slackId, isAdmin: (await deps.store.users.getBySlackId(actor.slackId))?.isAdmin ?? false };
  }
}

/** For verbs that are not about one incident (declare, list, search, users, insights): anyone in the workspace may. */
export async function authorizeActor(deps: UserLookup, ctx: Ctx): Promise<Viewer> {
  return resolveViewer(deps, ctx);
}

/** For work only Response itself does (authentication, sessions): refused to any person, token or plugin. */
export function authorizeSystem(ctx: Ctx, what: string): void {
  if (ctx.actor.kind !== 'system') throw new DomainError('FORBIDDEN', `Only Response itself may ${what}`);
}

/**
 * One of the incident's people: its reporter, its lead and other role holders, the members of its comms channel (in it
 * now, or have posted there), or someone acting in that channel right now (the Slack edge sets
 * ctx.slackChannelId from a signed event, and Slack only lets members act in a private channel).
 */
export async function isIncidentPerson(deps: AuthDeps, ctx: Ctx, viewer: Viewer, incident: Incident): Promise<boolean> {
  if (!viewer.slackId) return false;
  // The lead is one of the roles; whoever was given a role was brought into the incident.
  if (incident.reporter?.slackId === viewer.slackId || incident.roles.some((r) => r.user.slackId === viewer.slackId)) return true;
  if (ctx.slackChannelId && incident.commsChannel?.channelId === ctx.slackChannelId) return true;
  return deps.store.channelMembers.isInChannelOrPosted(incident.id, viewer.slackId);
}

/** Public incidents are everyone's; private ones only their people's and admins'. */
export async function canSeeIncident(deps: AuthDeps, ctx: Ctx, viewer: Viewer, incident: Incident): Promise<boolean> {
  if (viewer.isAdmin || !incident.private) return true;
  return isIncidentPerson(deps, ctx, viewer, incident);
}

/**
 * The incident, when ctx.actor may see it. A private incident someone may not see answers
 * NOT_FOUND, exactly like a missing one, so ids don't tell what exists.
 */
export async function authorizeIncident(deps: AuthDeps, ctx: Ctx, incidentId: number): Promise<{ incident: Incident; viewer: Viewer }> {
  const viewer = await resolveViewer(deps, ctx);
  const incident = await deps.store.incidents.get(incidentId);
  if (!incident || !(await canSeeIncident(deps, ctx, viewer, incident))) throw notFound(`Incident ${incidentId}`);
  return { incident, viewer };
}

/** The incident whose comms channel this is, when ctx.actor may see it; null when there is none (or it is hidden). */
export async function authorizeChannelIncident(deps: AuthDeps, ctx: Ctx, channelId: string): Promise<Incident | null> {
  const viewer = await resolveViewer(deps, ctx);
  const incident = await deps.store.incidents.findByChannel(channelId);
  if (!incident || !(await canSeeIncident(deps, ctx, viewer, incident))) return null;
  return incident;
}

/** Whether the viewer has a configured permission (for an incident's changes, given that incident). */
export async function hasPermission(deps: AuthDeps, ctx: Ctx, viewer: Viewer, permission: Permission, incident?: Incident): Promise<boolean> {
  if (viewer.isAdmin) return true;
  const rule = (deps.permissions ?? DEFAULT_PERMISSIONS)[permission];
  switch (rule.kind) {
    case 'everyone':
      return true;
    case 'admins':
      return false;
    case 'users':
      return viewer.slackId !== null && rule.slackIds.includes(viewer.slackId);
    case 'lead': {
      const lead = incident?.lead?.slackId ?? incident?.reporter?.slackId;
      return viewer.slackId !== null && lead === viewer.slackId;
    }
    case 'incident':
      return incident ? isIncidentPerson(deps, ctx, viewer, incident) : false;
  }
}

/** Refuses (FORBIDDEN, naming what is not allowed and who may) unless the viewer has the permission. Nothing has changed yet. */
export async function authorizePermission(
  deps: AuthDeps,
  ctx: Ctx,
  viewer: Viewer,
  permission: Permission,
  incident?: Incident,
  field?: string,
): Promise<void> {
  if (await hasPermission(deps, ctx, viewer, permission, incident)) return;
  const rule = (deps.permissions ?? DEFAULT_PERMISSIONS)[permission];
  throw new DomainError('FORBIDDEN', `You may not ${PERMISSION_WORDS[permission]}: only ${describeRule(rule)} may (${PERMISSION_ENV[permission]})`, field);
}

/**
 * For verbs about Response's own settings rather than an incident (webhook endpoints…): the actor,
 * who must hold `permission`.
 */
export async function authorizeSetting(deps: AuthDeps, ctx: Ctx, permission: Permission): Promise<Viewer> {
  const viewer = await authorizeActor(deps, ctx);
  await authorizePermission(deps, ctx, viewer, permission);
  return viewer;
}
