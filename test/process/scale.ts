import type { IncidentProcess } from '../../src/core/shared/incident-process.js';
import { parseIncidentProcess } from '../../src/config/incident-process.js';

/** A team's own scale: three levels, keyed sev1..sev3; sev1 is private by default and gets its channel at once. */
export const SCALE: IncidentProcess = parseIncidentProcess(
  {
    // Given out of order: ranks decide.
    severities: [
      { key: 'sev3', label: 'SEV3 Low', emoji: '🟡', rank: 3, description: 'A few customers notice' },
      { key: 'sev1', label: 'SEV1 Critical', emoji: '🔴', rank: 1, description: 'Everyone is affected', privateByDefault: true, autoCreateChannel: true },
      { key: 'sev2', label: 'SEV2 High', emoji: '🟠', rank: 2 },
    ],
    statusUpdates: { cadenceMinutes: { sev1: 10, sev2: 30 } },
  },
  'test config',
);

/** Three kinds of incident: the default, security (private, its own prefix and a scribe to fill) and customer-facing (major by default). */
export const TYPES: IncidentProcess = parseIncidentProcess(
  {
    types: [
      { key: 'default', label: 'Default' },
      { key: 'security', label: 'Security', description: 'Breaches, leaks, abuse', defaultSeverity: 'critical', privateByDefault: true, channelPrefix: 'sec', roles: ['scribe'] },
      { key: 'customer', label: 'Customer-facing', description: 'Customers notice', defaultSeverity: 'major' },
    ],
  },
  'test config',
);
