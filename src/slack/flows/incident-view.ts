import { getIncident } from '../../core/incident/get.js';
import type { Incident } from '../../core/incident/model.js';
import { toIncidentView } from '../../plugins/incident-view.js';
import type { IncidentView } from '../../plugins/sdk/types.js';
import type { SlackRuntime } from '../runtime.js';

export const viewOf = (rt: SlackRuntime, incident: Incident): IncidentView => toIncidentView(incident, rt.clock.now(), rt.publicUrl, rt.core);

export async function loadIncidentView(rt: SlackRuntime, id: number): Promise<IncidentView> {
  return viewOf(rt, await getIncident(rt.core, { actor: { kind: 'system', job: 'slack' }, clock: rt.clock }, id));
}

/** An error the outbox should not retry (the incident is gone, the user must act). */
export function permanent(err: unknown): Error {
  const e = err instanceof Error ? err : new Error(String(err));
  (e as Error & { permanent?: boolean }).permanent = true;
  return e;
}
