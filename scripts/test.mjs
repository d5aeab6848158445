// `npm test`: runs vitest and ends with one plain line CI reads, "N passed, N failed", keeping vitest's exit code.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const report = 'test-artifacts/vitest-report.json';
mkdirSync('test-artifacts', { recursive: true });
rmSync(report, { force: true });
// CI runs `npm test` twice, on the embedded database and on PostgreSQL (DATABASE_URL set). What doesn't depend on
// which database runs once, in the embedded run: the workspace packages (the Slack emulator) never open one; the
// start-up and embedded-process tests set DATABASE_URL='' themselves; the sandbox is the zero-setup (embedded) path;
// the browser tests drive the web UI, whose data comes through the API tested on both; deploy files and the import
// graph are the same either way; the packaging test installs and starts Response on the embedded database, and the
// plugin module-format test loads plugins without one. That is about a third of the PostgreSQL run's time.
const ONCE = [
  'packages/**',
  'test/foundation/embedded-process.test.ts',
  'test/foundation/start-script.test.ts',
  'test/foundation/terminal-output.test.ts',
  'test/sandbox/**',
  'test/browser/**',
  'test/deploy/**',
  'test/architecture/**',
  'test/packaging/**',
  'test/plugins/module-formats.test.ts',
];
const once = process.env.DATABASE_URL ? ONCE.flatMap((glob) => ['--exclude', glob]) : [];
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...once, ...process.argv.slice(2)];
const child = spawn('npx', args, { stdio: 'inherit' });
child.on('exit', (code, signal) => {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  try {
    const result = JSON.parse(readFileSync(report, 'utf8'));
    passed = result.numPassedTests ?? 0;
    failed = (result.numFailedTests ?? 0) + (result.numFailedTestSuites ?? 0 ? 0 : 0);
    skipped = (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0);
    // A file that fails to load has no tests to count: count it as a failure so it can't hide.
    for (const file of result.testResults ?? []) if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) failed += 1;
  } catch {
    failed += 1;
  }
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(code ?? (signal ? 1 : 0));
});
