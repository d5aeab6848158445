import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INCIDENT_PROCESS } from '../../src/core/shared/incident-process.js';
import { parseIncidentProcess } from '../../src/config/incident-process.js';

// docs/configuration.md documents every key of response.config.ts: each key of the process (and of
// each severity, type, field and role) must appear in it, so a new setting can't ship undocumented.
const doc = readFileSync('docs/configuration.md', 'utf8');

describe('docs/configuration.md', () => {
  it('names every key of the incident process', () => {
    const p = DEFAULT_INCIDENT_PROCESS;
    const keys = [
      ...Object.keys(p),
      ...Object.keys(p.severities[0]!),
      ...Object.keys(p.types[0]!),
      ...Object.keys(p.roles[0]!),
      // The default has no fields: a field with every key defaulted names them all.
      ...Object.keys(parseIncidentProcess({ fields: [{ key: 'x', label: 'X', kind: 'text' }] }, 'test').fields[0]!),
      ...Object.keys(p.statusUpdates).map((k) => `statusUpdates.${k}`),
      ...Object.keys(p.reactions).map((k) => `reactions.${k}`),
      ...Object.keys(p.followUps).map((k) => `followUps.${k}`),
      'plugins',
    ];
    const missing = keys.filter((k) => !doc.includes(`\`${k}\``) && !doc.includes(`\`${k.split('.').pop()}\``) && !new RegExp(`\\b${k}:`).test(doc));
    expect(missing).toEqual([]);
  });

  it("has an example response.config.ts that parses with today's settings", async () => {
    const example = /```ts\n(export default [\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const { parseIncidentProcess } = await import('../../src/config/incident-process.js');
    const settings = new Function(`return ${example!.replace(/^export default /, '').replace(/;\s*$/, '')}`)() as unknown;
    const parsed = parseIncidentProcess(settings, 'docs/configuration.md');
    expect(parsed.types.map((t) => t.key)).toEqual(['default', 'security', 'customer']);
    expect(parsed.severities.map((s) => s.key)).toEqual(['sev1', 'sev2', 'sev3']);
    expect(parsed.fields.map((f) => f.kind)).toEqual(['text', 'select', 'multi_select', 'textarea', 'datetime']);
  });
});
