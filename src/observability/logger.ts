import pino, { type Logger } from 'pino';
import type { Config } from '../config/config.js';
import { TerminalLog, type TextSink } from './terminal-log.js';

export interface LoggerOptions {
  /** Where lines go; stdout unless a test captures them. */
  sink?: TextSink;
  /** ANSI colours in the terminal format; on when stdout is a terminal and NO_COLOR is unset. */
  color?: boolean;
  /** The server's start-up: terminal lines wait for the banner (see TerminalLog). */
  holdUntilBanner?: boolean;
}

/** The process's logger, created once at start-up. `json` is one record per line; `pretty` is for people. */
export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'> & Partial<Pick<Config, 'logColor'>>, options: LoggerOptions = {}): Logger {
  const settings = {
    level: config.logLevel,
    base: undefined,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.token', '*.botToken'], remove: true },
  };
  if (config.logFormat === 'pretty') {
    const terminal = new TerminalLog({
      sink: options.sink ?? process.stdout,
      color: options.color ?? config.logColor ?? false,
      holdUntilBanner: options.holdUntilBanner ?? false,
    });
    // A start-up that fails before its banner still shows what it logged on the way.
    if (options.holdUntilBanner) process.once('exit', () => terminal.release());
    return pino(settings, terminal);
  }
  return options.sink ? pino(settings, options.sink as pino.DestinationStream) : pino(settings);
}
