import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The sandbox signs web sessions with a secret of its own, kept in DATA_DIR so sign-ins survive a restart.
 * When the same data later serves a real Slack workspace, Response signs with its usual secret
 * (SESSION_SECRET or the stored one) and every sandbox cookie, the seeded admin's included, is refused.
 */
export function sandboxSessionSecret(dataDir: string): string {
  const path = join(dataDir, 'sandbox-session-secret');
  if (existsSync(path)) {
    const stored = readFileSync(path, 'utf8').trim();
    if (stored.length >= 32) return stored;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}
