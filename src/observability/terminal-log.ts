/**
 * LOG_FORMAT=pretty: log records as short lines a person reads in a terminal. JSON stays the format for
 * machines (production, pipes); this is for someone who just ran `npm start` and needs the URL to open.
 *
 * Written synchronously in this thread (no worker transport): nothing logged just before `process.exit`
 * is lost, and lines keep their order with anything else written to the same terminal.
 */

/** Where formatted lines go (process.stdout in the server, a buffer in tests). */
export interface TextSink {
  write(text: string): unknown;
}

export interface TerminalLogOptions {
  sink: TextSink;
  color: boolean;
  /**
   * Hold info and quieter lines until the start-up banner is logged, then print them after it: the URL to
   * open comes first instead of scrolling away under "Slack connected". Warnings and errors never wait.
   */
  holdUntilBanner?: boolean;
}

/** pino's numeric levels. */
const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const WARN = 40;
const ERROR = 50;

// Summarised by the message itself (request lines say "GET /x → 200 in 3 ms"), or noise for a reader.
const HIDDEN = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'err', 'banner', 'reqId', 'req', 'res', 'responseTime']);

const paint = (on: boolean, code: string, text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

interface SerializedError {
  type?: string;
  message?: string;
  stack?: string;
}

/** The pino destination: one JSON record per write in, readable lines out. */
export class TerminalLog {
  private held: string[] | undefined;

  constructor(private readonly o: TerminalLogOptions) {
    if (o.holdUntilBanner) this.held = [];
  }

  write(line: string): void {
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      this.o.sink.write(line);
      return;
    }
    const level = typeof record.level === 'number' ? record.level : 30;
    if (Array.isArray(record.banner)) {
      this.o.sink.write(this.banner(String(record.msg ?? ''), record.banner.map(String)));
      this.release();
      return;
    }
    const text = this.format(record, level);
    if (this.held && level < WARN) this.held.push(text);
    else this.o.sink.write(text);
  }

  /** Prints whatever still waits for a banner that never came (start-up failed): nothing is dropped. */
  release(): void {
    const held = this.held;
    this.held = undefined;
    if (held?.length) this.o.sink.write(held.join(''));
  }

  private banner(headline: string, notes: string[]): string {
    const color = this.o.color;
    const body = notes.map((n) => `  ${paint(color, '2', n)}\n`).join('');
    return `\n  ${paint(color, '1;32', headline)}\n${body ? `\n${body}` : ''}\n`;
  }

  private format(record: Record<string, unknown>, level: number): string {
    const color = this.o.color;
    const time = typeof record.time === 'number' ? new Date(record.time).toTimeString().slice(0, 8) : '';
    const name = LEVELS[level] ?? String(level);
    const tag = level >= ERROR ? paint(color, '1;31', name.toUpperCase()) : level >= WARN ? paint(color, '1;33', 'WARN') : level < 30 ? paint(color, '2', name) : '';
    const err = record.err as SerializedError | undefined;
    let msg = String(record.msg ?? '');
    if (err?.message && level < ERROR) msg += `: ${err.message}`;
    // Info lines are sentences for a person; the facts behind them stay in the JSON format.
    const fields = Object.entries(level === 30 ? {} : record)
      .filter(([k, v]) => !HIDDEN.has(k) && v !== undefined)
      .map(([k, v]) => `${k}=${shortValue(v)}`)
      .join(' ');
    let text = `${paint(color, '2', time)} ${tag ? `${tag} ` : ''}${level < 30 ? paint(color, '2', msg) : msg}${fields ? `  ${paint(color, '2', fields)}` : ''}\n`;
    // Errors are bugs or outages: their stack is worth the lines. Warnings carry their message inline.
    if (err && level >= ERROR) text += `${indent(err.stack ?? `${err.type ?? 'Error'}: ${err.message ?? ''}`)}\n`;
    return text;
  }
}

function shortValue(value: unknown): string {
  const text = typeof value === 'string' && /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
