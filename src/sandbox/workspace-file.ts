import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EmulatorState } from '@response/slack-emulator';

/** The sandbox workspace lives next to the embedded database: one JSON file, the emulator's snapshot. */
export function workspaceFilePath(dataDir: string): string {
  return join(dataDir, 'sandbox-workspace.json');
}

export function readWorkspaceFile(path: string): EmulatorState | undefined {
  if (!existsSync(path)) return undefined;
  const state = JSON.parse(readFileSync(path, 'utf8')) as EmulatorState;
  if (state.version !== 1 || !Array.isArray(state.channels)) throw new Error(`${path} is not a sandbox workspace (reset it with: npm run cli -- sandbox reset)`);
  renameOldBot(state);
  return state;
}

/** Workspaces saved before the bot was named as the manifest names it ("incident") had "Incident Bot". */
function renameOldBot(state: EmulatorState): void {
  if (state.bot.displayName !== 'Incident Bot') return;
  state.bot.displayName = 'incident';
  const botUser = state.users.find((u) => u.id === state.bot.userId);
  if (botUser) {
    botUser.real_name = 'incident';
    botUser.profile.real_name = 'incident';
    botUser.profile.real_name_normalized = 'incident';
    botUser.profile.first_name = 'incident';
  }
}

/** Written to a temporary file, then renamed: a crash mid-write leaves the previous workspace, never half of one. */
export function writeWorkspaceFile(path: string, state: EmulatorState): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, path);
}

export function removeWorkspaceFile(path: string): boolean {
  const existed = existsSync(path);
  rmSync(path, { force: true });
  return existed;
}

/** Saves at most once per `delayMs` while things change, and on `flush()` (shutdown). */
export class DebouncedSaver {
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;

  constructor(
    private readonly save: () => void,
    private readonly delayMs: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  changed(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.delayMs);
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dirty) return;
    this.dirty = false;
    try {
      this.save();
    } catch (err) {
      this.onError(err);
    }
  }
}
