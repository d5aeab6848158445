/** What the app answered to one delivery (its own module: the driver and the Socket Mode server both speak it). */
export interface DeliveryResult {
  /** HTTP status of the app's answer; 0 when nothing answered (no app URL, connection refused). */
  status: number;
  /** The raw response body. */
  body: string;
  /** The body parsed as JSON when it is JSON. */
  json?: unknown;
  headers: Record<string, string>;
  /** The app took longer than Slack's 3-second ack window (Slack would count it as failed). */
  late: boolean;
  durationMs: number;
  error?: string;
}
