import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('npm run cli -- slack manifest', () => {
  it('prints the manifest for PUBLIC_URL as JSON', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', 'slack', 'manifest'], {
      env: { ...process.env, PUBLIC_URL: 'https://response.example.com', SLACK_APP_TOKEN: '', SLACK_CLIENT_ID: '' },
    });
    const manifest = JSON.parse(stdout);
    expect(manifest.settings.event_subscriptions.request_url).toBe('https://response.example.com/slack/events');
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.oauth_config.scopes.bot).toContain('commands');
  }, 60_000);

  it('switches to Socket Mode when SLACK_APP_TOKEN is set', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', 'slack', 'manifest'], {
      env: { ...process.env, PUBLIC_URL: '', SLACK_APP_TOKEN: 'xapp-1-test', SLACK_CLIENT_ID: '' },
    });
    const manifest = JSON.parse(stdout);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true });
  }, 60_000);
});
