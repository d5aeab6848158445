import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INCIDENT_PROCESS, IncidentProcessError, parseIncidentProcess } from '../../src/config/incident-process.js';
import { loadConfigFile } from '../../src/plugins/loader.js';

const problemsOf = (settings: unknown): string[] => {
  try {
    parseIncidentProcess(settings, 'response.config.ts');
  } catch (err) {
    if (err instanceof IncidentProcessError) return err.problems;
    throw err;
  }
  return [];
};

describe('the incident process in response.config.ts', () => {
  it('defaults to three roles, cadence by severity and the ✅ / 📌 reactions', () => {
    const p = parseIncidentProcess({ plugins: [] }, 'response.config.ts');
    expect(p).toEqual(DEFAULT_INCIDENT_PROCESS);
    expect(p.roles.map((r) => r.key)).toEqual(['lead', 'comms', 'scribe']);
    expect(p.statusUpdates.cadenceMinutes).toEqual({ critical: 15, major: 30, minor: 60, trivial: null });
    expect(p.reactions).toEqual({ followUp: 'white_check_mark', timeline: 'pushpin' });
  });

  it("takes a team's own roles (lead first), cadence, stakeholder channels and reactions", () => {
    const p = parseIncidentProcess(
      {
        roles: [
          { key: 'ops', name: 'Operations lead', checklist: ['Check the dashboards'], required: true },
          { key: 'lead', name: 'Incident commander' },
        ],
        statusUpdates: { cadenceMinutes: { critical: 10, trivial: 120 }, stakeholderChannels: { critical: '#exec-updates' } },
        reactions: { followUp: ':eyes:' },
      },
      'response.config.ts',
    );
    expect(p.roles.map((r) => [r.key, r.name, r.required])).toEqual([
      ['lead', 'Incident commander', false],
      ['ops', 'Operations lead', true],
    ]);
    expect(p.roles[1]?.checklist).toEqual(['Check the dashboards']);
    expect(p.statusUpdates.cadenceMinutes).toEqual({ critical: 10, major: 30, minor: 60, trivial: 120 });
    expect(p.statusUpdates.stakeholderChannels).toEqual({ critical: 'exec-updates' });
    expect(p.reactions).toEqual({ followUp: 'eyes', timeline: 'pushpin' });
  });

  it('names each mistake with where it is', () => {
    expect(problemsOf({ roles: [{ key: 'comms', name: 'Comms' }] })).toEqual(['response.config.ts: roles must include the incident lead (key: "lead")']);
    expect(problemsOf({ roles: [{ key: 'lead', name: 'A' }, { key: 'lead', name: 'B' }] })).toEqual(['response.config.ts: roles must not repeat a key']);
    expect(problemsOf({ roles: [{ key: 'Lead Role', name: '' }] })).toEqual([
      'response.config.ts: roles.0.key must be a short lower-case key such as comms (letters, digits, - and _)',
      'response.config.ts: roles.0.name must not be empty',
      'response.config.ts: roles must include the incident lead (key: "lead")',
    ]);
    expect(problemsOf({ statusUpdates: { cadenceMinutes: { critical: 0, sev1: 5 } } })).toEqual([
      'response.config.ts: statusUpdates.cadenceMinutes.critical must be positive',
      'response.config.ts: statusUpdates.cadenceMinutes.sev1 is not a configured severity (severities: critical, major, minor, trivial)',
    ]);
    expect(problemsOf({ role: [] })).toEqual([expect.stringMatching(/^response\.config\.ts: config has unknown role \(known: plugins, severities, types, fields, roles, statusUpdates, reactions, followUps, postmortem\)$/)]);
  });

  it('is read from the config file beside its plugins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'response-process-'));
    writeFileSync(join(dir, 'response.config.mjs'), `export default { roles: [{ key: 'lead', name: 'Commander' }], followUps: { dmOwnersOnClose: false } };\n`);
    const file = await loadConfigFile({ specs: [], cwd: dir, timeoutMs: 5000, logger: pino({ level: 'silent' }) });
    expect(file.plugins).toEqual([]);
    const p = parseIncidentProcess(file.settings?.values, file.settings?.source ?? '');
    expect(p.roles).toEqual([{ key: 'lead', name: 'Commander', description: '', checklist: [], required: false }]);
    expect(p.followUps).toEqual({ dmOwnersOnClose: false, remindWhenPastDue: true });
  });
});
