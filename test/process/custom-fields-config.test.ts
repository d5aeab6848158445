/**
 * The `fields` of response.config.ts and types' `requiredFields`: parsed with defaults, every mistake
 * named with where it is (kinds, options, unknown types or fields), and the postmortem's lines for an
 * incident's values (customFieldLines), removed fields included and user text kept inert.
 */
import { describe, expect, it } from 'vitest';
import { IncidentProcessError, parseIncidentProcess } from '../../src/config/incident-process.js';
import { customFieldLines } from '../../src/core/custom-field/custom-field-lines.js';
import { FIELDS } from './custom-fields-process.js';

const problemsOf = (settings: unknown): string[] => {
  try {
    parseIncidentProcess(settings, 'response.config.ts');
    return [];
  } catch (err) {
    return (err as IncidentProcessError).problems;
  }
};

describe('custom fields in the config', () => {
  it('parses fields with their defaults; none by default', () => {
    expect(parseIncidentProcess({}, 'x').fields).toEqual([]);
    expect(parseIncidentProcess({ fields: [{ key: 'team', label: 'Team', kind: 'text' }] }, 'x').fields).toEqual([
      { key: 'team', label: 'Team', help: '', kind: 'text', options: [], types: null, requiredAt: null, showInHeadline: false },
    ]);
    expect(FIELDS.types.find((t) => t.key === 'security')?.requiredFields).toEqual(['detected_at']);
    expect(FIELDS.types.find((t) => t.key === 'default')?.requiredFields).toEqual([]);
  });

  it('names each mistake with where it is', () => {
    expect(
      problemsOf({
        types: [{ key: 'default', label: 'Default', requiredFields: ['nope', 'vip'] }, { key: 'security', label: 'Security' }],
        fields: [
          { key: 'Region', label: 'Region', kind: 'select', options: [{ key: 'eu', label: 'EU' }] },
          { key: 'tier', label: 'Tier', kind: 'select' },
          { key: 'note', label: 'Note', kind: 'text', options: [{ key: 'a', label: 'A' }] },
          { key: 'size', label: 'Size', kind: 'huge' },
          { key: 'vip', label: 'VIP', kind: 'text', types: ['security', 'outage'], requiredAt: 'always' },
          { key: 'dup', label: 'A', kind: 'text' },
          { key: 'dup', label: 'B', kind: 'text', colour: 'red' },
        ],
      }),
    ).toEqual([
      expect.stringMatching(/^response\.config\.ts: fields\.0\.key must be a short lower-case key/),
      'response.config.ts: fields.1.options must list at least one option for a select field',
      'response.config.ts: fields.2.options are only for select and multi_select fields (this one is text)',
      expect.stringMatching(/^response\.config\.ts: fields\.3\.kind must be one of text, textarea, number, select, multi_select, user, link, datetime$/),
      'response.config.ts: fields.4.requiredAt must be declare, close or null',
      expect.stringMatching(/^response\.config\.ts: fields\.6 has unknown colour/),
    ]);
    expect(problemsOf({ fields: [{ key: 'dup', label: 'A', kind: 'text' }, { key: 'dup', label: 'B', kind: 'number' }] })).toEqual(['response.config.ts: fields must not repeat a key']);
    expect(
      problemsOf({
        types: [{ key: 'default', label: 'Default', requiredFields: ['nope', 'vip'] }, { key: 'security', label: 'Security' }],
        fields: [{ key: 'vip', label: 'VIP', kind: 'text', types: ['security', 'outage'] }],
      }),
    ).toEqual([
      'response.config.ts: types.0.requiredFields.0 is not a configured field (fields: vip)',
      'response.config.ts: types.0.requiredFields.1 is a field only of types security, outage; add default to its types',
      'response.config.ts: fields.0.types.1 is not a configured type (types: default, security)',
    ]);
  });

  it('gives the postmortem a line per value: labels, configured order, removed fields last, Markdown inert', () => {
    const lines = customFieldLines(FIELDS, {
      customFields: {
        old_team: 'Payments',
        customers_affected: 1250,
        region: 'eu',
        systems: ['api', 'db'],
        responder: 'U0BOB',
        root_cause: 'A *full* disk\nand [a link](javascript:alert(1))',
        detected_at: '2026-11-23T09:05:00.000Z',
      },
    });
    expect(lines).toEqual([
      '- **Region:** Europe',
      '- **Systems:** API, Database',
      '- **Root cause:** A \\*full\\* disk and \\[a link\\]\\(javascript:alert\\(1\\)\\)',
      '- **Responder:** @U0BOB',
      '- **Detected at:** 2026\\-11\\-23 09:05 UTC',
      '- **Customers affected:** 1250',
      '- **old\\_team:** Payments',
    ]);
  });
});
