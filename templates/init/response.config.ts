// Response's configuration for {{name}}: the plugins to load and how the team runs an incident.
// Editors type-check this file and plugins/ against the installed Response (tsconfig.json); so does `npm run typecheck`.
// Beside `plugins`: `roles`, `statusUpdates`, `reactions` and `followUps`, described in
// node_modules/response/docs/running-an-incident.md. Plugins: node_modules/response/docs/plugins.md.
import type { Plugin } from 'response/sdk';

/** Module paths (relative to this folder) or plugin values. A plugin that fails to load is logged and left out. */
const plugins: (string | Plugin)[] = ['plugins/runbook.ts'];

export default {
  plugins,
  // roles: [
  //   { key: 'lead', name: 'Incident lead', required: true },
  //   { key: 'comms', name: 'Comms lead', checklist: ['Post an update every 30 minutes'] },
  // ],
};
