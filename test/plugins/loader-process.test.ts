import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, runEntry, waitForHealthy, type Proc } from '../support/processes.js';

// The server as `npm run dev` starts it (tsx, from source): plugins listed in RESPONSE_PLUGINS are
// loaded from TypeScript files importing `response/sdk`, and a broken one is logged by name.
describe('plugin loading in the server process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'response-plugins-'));
  let proc: Proc | undefined;
  afterAll(async () => {
    proc?.child.kill('SIGTERM');
    await proc?.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the listed plugins and logs the broken one', async () => {
    const port = await freePort();
    proc = runEntry('src/main/server.ts', [], {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      RESPONSE_PLUGINS: 'examples/plugins/duration.ts, test/plugins/fixtures/throws-at-load.ts, examples/plugins/runbook.ts',
    });
    await waitForHealthy(`http://127.0.0.1:${port}`, proc, 60_000);
    const lines = proc
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; plugins?: string[] });
    expect(lines.filter((l) => l.msg === 'plugin loaded').flatMap((l) => l.plugins)).toEqual(['duration', 'runbook']);
    expect(lines.some((l) => l.msg.includes('throws-at-load.ts failed to load: this plugin is broken at load'))).toBe(true);
  }, 90_000);
});
