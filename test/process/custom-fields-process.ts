import type { IncidentProcess } from '../../src/core/shared/incident-process.js';
import { parseIncidentProcess } from '../../src/config/incident-process.js';

/**
 * Three types and a field of every kind: the customer (customer-facing incidents only, needed to
 * declare one), region and systems (selects), the root cause (needed before closing), a responder
 * (a person), the runbook (a link), when it was detected (security needs it to declare) and how many
 * customers were affected (a number). Region and customer show on the headline.
 */
export const FIELDS: IncidentProcess = parseIncidentProcess(
  {
    types: [
      { key: 'default', label: 'Default' },
      { key: 'security', label: 'Security', requiredFields: ['detected_at'] },
      { key: 'customer', label: 'Customer-facing', defaultSeverity: 'major' },
    ],
    fields: [
      { key: 'customer', label: 'Customer', kind: 'text', help: 'Which customer reported it', types: ['customer'], requiredAt: 'declare', showInHeadline: true },
      { key: 'region', label: 'Region', kind: 'select', options: [{ key: 'eu', label: 'Europe' }, { key: 'us', label: 'United States' }, { key: 'apac', label: 'Asia-Pacific' }], showInHeadline: true },
      { key: 'systems', label: 'Systems', kind: 'multi_select', options: [{ key: 'api', label: 'API' }, { key: 'db', label: 'Database' }, { key: 'web', label: 'Website' }] },
      { key: 'root_cause', label: 'Root cause', kind: 'textarea', help: 'What made it happen', requiredAt: 'close' },
      { key: 'responder', label: 'Responder', kind: 'user' },
      { key: 'runbook', label: 'Runbook', kind: 'link' },
      { key: 'detected_at', label: 'Detected at', kind: 'datetime' },
      { key: 'customers_affected', label: 'Customers affected', kind: 'number' },
    ],
  },
  'test config',
);
