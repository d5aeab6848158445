/**
 * Benchmark (not a timed test): how long the incident doc takes to show an incident with 5,000
 * timeline entries in Chromium, from navigation to the last entry on screen.
 *   npx tsx test/browser/doc-render-benchmark.ts [entries]
 * Writes test-artifacts/doc-render-benchmark.json and a screenshot.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp } from '../support/test-app.js';
import { ensureWebBuilt, hasChromium, launchChromium, repoRoot, screenshot } from './browser-support.js';

const entries = Number(process.argv[2] ?? 5000);
if (!hasChromium) {
  console.error('No Chromium: install Debian\'s chromium or set CHROMIUM_PATH');
  process.exit(1);
}
await ensureWebBuilt();
const t = await startTestApp({ env: { RESPONSE_LOGIN_REQUIRED: 'false' } });
const browser = await launchChromium();
try {
  const created = await t.api('POST', '/api/v1/incidents', { report: `Incident with ${entries} timeline entries`, severity: 'major', summary: 'A **long** one.' });
  const id = created.body.id as number;
  // Seeded in one statement: the benchmark is about the page, not about inserting.
  await t.app.database.query(
    `insert into timeline_events (incident_id, timestamp, text, event_type, metadata, created_at, updated_at)
     select $1, now() - make_interval(mins => $2 - g), 'Update ' || g || ': checked <@U0ALICE> dashboards, see <https://example.com/' || g || '|graph> :eyes:', 'text', null, now(), now()
     from generate_series(1, $2) g`,
    [id, entries],
  );
  const runs: { firstEntryMs: number; allEntriesMs: number }[] = [];
  for (let run = 0; run < 3; run++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const started = Date.now();
    await page.goto(`${t.baseUrl}/incidents/${id}`);
    await page.locator('.entry').first().waitFor({ timeout: 30_000 });
    const firstEntryMs = Date.now() - started;
    await page.waitForFunction((n) => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll('.entry').length >= n, entries + 1, { timeout: 60_000, polling: 'raf' }).catch(async (err: unknown) => {
      console.error('entries on screen:', await page.locator('.entry').count(), await page.locator('.count').first().textContent());
      throw err;
    });
    const allEntriesMs = Date.now() - started;
    runs.push({ firstEntryMs, allEntriesMs });
    if (run === 0) await screenshot(page, 'benchmark-doc-5000', false);
    await page.close();
  }
  const result = { entries, runs, median: [...runs].sort((a, b) => a.allEntriesMs - b.allEntriesMs)[1], at: new Date().toISOString() };
  mkdirSync(join(repoRoot, 'test-artifacts'), { recursive: true });
  writeFileSync(join(repoRoot, 'test-artifacts/doc-render-benchmark.json'), JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  await t.close();
}
