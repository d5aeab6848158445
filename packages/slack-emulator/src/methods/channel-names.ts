import { fail } from '../errors.js';
import type { Workspace } from '../workspace.js';

/**
 * Slack's naming rules for conversations.create / rename: lowercase letters, digits, hyphens and underscores,
 * at most 80 characters, and unique across the workspace *including archived channels*.
 */
export function checkChannelName(ws: Workspace, name: string | undefined, opts: { exceptId?: string; detail?: boolean } = {}): string {
  if (!name) fail('invalid_name_required');
  if (name.length > 80) fail('invalid_name_maxlength');
  if (!/^[a-z0-9_-]+$/.test(name)) {
    if (/^[\p{P}\p{S}\s]+$/u.test(name)) fail('invalid_name_punctuation');
    fail('invalid_name_specials');
  }
  if (/^[-_]+$/.test(name)) fail('invalid_name_punctuation');
  const taken = ws.state.channels.some((c) => !c.is_im && c.name === name && c.id !== opts.exceptId);
  if (taken) fail('name_taken', opts.detail ? { detail: 'A channel cannot be created with the given name.' } : {});
  return name;
}
