import path from 'node:path';
import pino, { type DestinationStream, type Logger } from 'pino';
import { createStream } from 'rotating-file-stream';
import { scrubSecrets } from '../secrets';
import { currentLogContext } from './log-context';
import { ensurePrivateFile, ensurePrivateFolder, PRIVATE_FILE_MODE } from './private-files';

export type { Logger };

export interface LoggerOptions {
  level?: string;
  /** A file to append JSON lines to (rotated by size, see `rotation`); standard error when absent. */
  file?: string;
  /** Size cap of `file` and how many rotated files (`web.log.1`, `.2`…) to keep. */
  rotation?: { maxBytes: number; files: number };
  /** Writes JSON lines here instead of `file` or standard error (tests capture the output this way). */
  stream?: DestinationStream;
}

/** 5 MB a file and five old files: at most ~30 MB of logs, about weeks of normal use. */
export const DEFAULT_ROTATION = { maxBytes: 5 * 1024 * 1024, files: 5 } as const;

/** Loggers writing to a file, and how to close that file (see {@link closeLogger}). */
const fileClosers = new WeakMap<Logger, () => Promise<void>>();

/** Field names whose values are secrets wherever they appear (headers are matched in both cases). */
const SECRET_FIELDS = [
  'apiKey',
  'api_key',
  'key',
  'secret',
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'authorization',
  'Authorization',
  'x-api-key',
  'X-Api-Key',
  'cookie',
  'set-cookie',
];

/**
 * pino `redact` paths: each secret field at the top level and up to four objects deep (an SDK
 * error's `err.request.headers.authorization`, say). Deeper or free-text secrets are left to
 * the pattern scrub on the finished line.
 */
export const REDACT_PATHS: string[] = SECRET_FIELDS.flatMap((field) => {
  const leaf = /^[A-Za-z_$][\w$]*$/.test(field) ? `.${field}` : `["${field}"]`;
  return ['', '*', '*.*', '*.*.*', '*.*.*.*'].map((prefix) => (prefix === '' ? leaf.replace(/^\./, '') : `${prefix}${leaf}`));
});

/**
 * Structured JSON logs. Error causes are logged here in full (stack included) — this is the
 * only place a stack trace goes; the UI gets a code and a sentence. Secrets never reach the
 * output: known secret fields are censored by name, and every finished line is scrubbed of
 * key-shaped text (`sk-…`, `Bearer …`) however it got there (a message, a stack, a nested header).
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const file = options.stream ? null : options.file ? rotatingFile(options.file, options.rotation ?? DEFAULT_ROTATION) : null;
  const destination = options.stream ?? file?.destination ?? pino.destination(2);
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: { app: 'nova-studio' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      // `error` too: an Error logged under that name would otherwise lose its message and stack.
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
      hooks: { streamWrite: scrubSecrets },
      // The trace id of the call or stream this line was written for (see log-context.ts).
      mixin: () => ({ ...currentLogContext() }),
    },
    destination,
  );
  if (file) fileClosers.set(logger, file.close);
  return logger;
}

/** Ends a file logger's file once everything written so far is on disk (call before exiting). */
export async function closeLogger(logger: Logger): Promise<void> {
  await fileClosers.get(logger)?.();
}

/**
 * A size-capped file, rotated the classic way (`web.log` → `web.log.1` …, the oldest dropped).
 * If the file cannot be written (disk full, folder removed), lines go to standard error
 * instead of stopping the app.
 */
function rotatingFile(file: string, rotation: { maxBytes: number; files: number }): { destination: DestinationStream; close(): Promise<void> } {
  // Logs may quote the manuscript: the folder and the file are owner-only (created so, or tightened).
  ensurePrivateFolder(path.dirname(file));
  ensurePrivateFile(file);
  const stream = createStream(path.basename(file), {
    path: path.dirname(file),
    size: `${Math.max(1, Math.ceil(rotation.maxBytes / 1024))}K`,
    rotate: rotation.files,
    mode: PRIVATE_FILE_MODE,
  });
  let broken = false;
  stream.on('error', (error) => {
    broken = true;
    process.stderr.write(`Nova Studio could not write its log file ${file} (${error.message}); logging to standard error.\n`);
  });
  return {
    // After close (a line logged while quitting) or a failure, standard error still gets the line.
    destination: { write: (line: string) => void (broken || stream.writableEnded ? process.stderr.write(line) : stream.write(line)) },
    close: () => new Promise<void>((resolve) => (broken || stream.writableEnded ? resolve() : stream.end(() => resolve()))),
  };
}


export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
