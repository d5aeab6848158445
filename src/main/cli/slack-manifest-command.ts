import { slackManifest } from '../../slack/setup/manifest.js';
import type { CliCommand } from './types.js';

/** `npm run cli -- slack manifest`: prints the app manifest as JSON for this environment's PUBLIC_URL. */
export const slackManifestCommand: CliCommand = {
  usage: 'slack manifest',
  description: 'print the Slack app manifest (JSON) for PUBLIC_URL, or Socket Mode when SLACK_APP_TOKEN is set',
  matches: (args) => args[0] === 'slack' && args[1] === 'manifest',
  async run(_args, io) {
    const publicUrl = io.env.PUBLIC_URL?.trim();
    const socketMode = Boolean(io.env.SLACK_APP_TOKEN?.trim());
    if (!publicUrl && !socketMode)
      console.error(
        'PUBLIC_URL is not set: the request URLs below point at http://localhost:3000. Set PUBLIC_URL to the address Slack can reach, or SLACK_APP_TOKEN for Socket Mode.',
      );
    const manifest = slackManifest({
      publicUrl: publicUrl || `http://localhost:${io.env.PORT?.trim() || '3000'}`,
      socketMode,
      webSignIn: Boolean(io.env.SLACK_CLIENT_ID?.trim()),
    });
    console.log(JSON.stringify(manifest, null, 2));
    return 0;
  },
};
