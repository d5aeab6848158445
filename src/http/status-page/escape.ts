const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML and XML (element content and quoted attributes): everything people typed goes through it. */
export function escapeMarkup(text: string): string {
  // XML 1.0 forbids most control characters even escaped; drop them so the feed stays well-formed.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}
