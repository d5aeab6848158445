import type { CoreDeps, Tx } from '../store-ports.js';
import { invalid } from '../shared/errors.js';
import type { Incident } from '../incident/model.js';
import type { z } from 'zod';
import type { publishInputSchema } from './publish-schema.js';
import type { Publication } from './ports.js';

/**
 * Checks a "publish to the status page" choice against the incident and the configured components
 * and returns the public part to store. A private incident is never published: its existence is
 * what it hides. The title may be left out after the first publish; `components` left out keeps
 * the last published impacts (an update that changes only the wording moves no component).
 */
export async function publicationOf(core: CoreDeps, tx: Tx, incident: Incident, input: z.output<typeof publishInputSchema>): Promise<Publication> {
  if (!core.publishing) throw invalid('publish', 'publish: no status page is configured (response.config.ts integrations.statusPage), so updates cannot be published');
  if (incident.private) throw invalid('publish', `publish: incident ${incident.id} is private; private incidents are never published to the status page`);
  const known = new Set(core.publishing.components.map((c) => c.key));
  for (const key of Object.keys(input.components ?? {})) {
    if (!known.has(key)) throw invalid(`publish.components.${key}`, `publish.components.${key}: no such component; the status page has ${[...known].join(', ') || 'none'}`);
  }
  const existing = await tx.publicIncidents.get(incident.id);
  const title = input.title ?? existing?.title ?? null;
  if (!title) throw invalid('publish.title', 'publish.title: required the first time an incident is published (the name the public sees)');
  return { title, body: input.body, components: input.components ?? existing?.components ?? {} };
}
