import pino, { type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  level?: string;
  /** A file to append JSON lines to; standard error when absent. */
  file?: string;
}

/**
 * Structured JSON logs. Error causes are logged here in full (stack included) — this is the
 * only place a stack trace goes; the UI gets a code and a sentence.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const destination = options.file ? pino.destination({ dest: options.file, mkdir: true, sync: false }) : pino.destination(2);
  return pino({ level: options.level ?? 'info', base: { app: 'nova-studio' } }, destination);
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
