import type { StatusPageConfig } from '../../src/config/integrations/status-page.js';

/** A status page with three components, two of them grouped, as the tests configure it. */
export const STATUS_PAGE: StatusPageConfig = {
  enabled: true,
  title: 'Acme status',
  components: [
    { key: 'api', name: 'Public API', description: 'REST and webhooks', group: 'Platform' },
    { key: 'dashboard', name: 'Dashboard', description: null, group: 'Platform' },
    { key: 'payments', name: 'Card payments', description: null, group: null },
  ],
};
