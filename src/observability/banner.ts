import type { Logger } from 'pino';

export interface BannerFacts {
  publicUrl: string;
  /** What the server bound to (operators' JSON logs keep it; the banner shows the public URL). */
  address: string;
  level: string;
  sandbox?: { share: boolean; socketMode: boolean };
}

/**
 * The one start-up record: the URL to open (the sandbox's when it runs, else the web UI's) and a few notes.
 * In a terminal it prints as a short banner before anything else (see TerminalLog); in JSON it is one
 * record carrying the same facts as fields.
 */
export function logBanner(logger: Logger, facts: BannerFacts): void {
  const open = facts.sandbox ? `${facts.publicUrl}/sandbox` : facts.publicUrl;
  const notes: string[] = [];
  if (facts.sandbox) {
    const how = facts.sandbox.socketMode ? ' over Socket Mode' : '';
    notes.push(`That is the sandbox workspace${how}: a Slack in your browser, as SLACK_BOT_TOKEN is unset. Try: /incident something is broken`);
    notes.push(
      facts.sandbox.share
        ? 'SANDBOX=share: other machines can open it too, as anyone in it. Start afresh: npm run cli -- sandbox reset'
        : 'Only this machine can open it (SANDBOX=share lets others in). Start afresh: npm run cli -- sandbox reset',
    );
    notes.push(`Web UI and API: ${facts.publicUrl}`);
  }
  notes.push(
    ['debug', 'trace'].includes(facts.level)
      ? `LOG_LEVEL=${facts.level}: every request is logged.`
      : 'Below: warnings, errors and incidents declared. LOG_LEVEL=debug logs every request.',
  );
  logger.info({ open, publicUrl: facts.publicUrl, address: facts.address, sandbox: facts.sandbox ?? null, banner: notes }, `Response is running: open ${open}`);
}
