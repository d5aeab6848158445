import type { StatuspageConfig } from '../../../../config/integrations/statuspage.js';
import type { ComponentStatus } from '../../../../core/status-page/ports.js';
import type { UpdateStatus } from '../../../../core/status-update/ports.js';
import { VendorError, vendorRequest } from '../vendor-http.js';

export const VENDOR = 'Statuspage';

/** What Response sends for an incident (Statuspage's `incident[…]` fields). */
export interface StatuspageIncidentInput {
  /** Required to create; left out, an update keeps the name. */
  name?: string;
  status: UpdateStatus;
  body: string;
  /** Statuspage component id → its status. */
  components: Record<string, ComponentStatus>;
}

export interface StatuspageIncidentRef {
  id: string;
  name: string;
  created_at: string;
  shortlink?: string;
}

/**
 * Statuspage's answer to too many requests is still 420 for many API keys (429 for the rest), with
 * Retry-After (60 s, as documented). vendorRequest reads a 420 as a refusal for good; it is not.
 */
async function call<T>(url: string, init: Parameters<typeof vendorRequest>[2]): Promise<T> {
  try {
    return (await vendorRequest<T>(VENDOR, url, init)).body;
  } catch (err) {
    if (err instanceof VendorError && err.status === 420) throw new VendorError(VENDOR, err.message.replace(/^Statuspage: /, ''), 420, { permanent: false, retryAfterMs: 60_000, cause: err });
    throw err;
  }
}

/** The Statuspage Manage API calls Response makes (https://developer.statuspage.io/), authenticated with `OAuth <api key>`. */
export function statuspageClient(config: StatuspageConfig) {
  const headers = { authorization: `OAuth ${config.apiKey}` };
  const incidents = `${config.apiUrl}/pages/${encodeURIComponent(config.pageId)}/incidents`;
  return {
    /** POST /pages/{page_id}/incidents */
    create: (input: StatuspageIncidentInput) => call<StatuspageIncidentRef>(incidents, { method: 'POST', headers, body: { incident: input } }),
    /** PATCH /pages/{page_id}/incidents/{incident_id} */
    update: (id: string, input: StatuspageIncidentInput) => call<StatuspageIncidentRef>(`${incidents}/${encodeURIComponent(id)}`, { method: 'PATCH', headers, body: { incident: input } }),
    /** GET /pages/{page_id}/incidents (newest first): to find one a crash left unrecorded. */
    list: () => call<StatuspageIncidentRef[]>(incidents, { headers }),
  };
}

export type StatuspageClient = ReturnType<typeof statuspageClient>;
