import path from 'node:path';
import pino, { type DestinationStream, type Logger } from 'pino';
import { scrubSecrets } from '../secrets';
import { ensurePrivateFile, ensurePrivateFolder, PRIVATE_FILE_MODE } from './private-files';

export type { Logger };

export interface LoggerOptions {
  level?: string;
  /** A file to append JSON lines to; standard error when absent. */
  file?: string;
  /** Writes JSON lines here instead of `file` or standard error (tests capture the output this way). */
  stream?: DestinationStream;
}

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
  const destination = options.stream ?? (options.file ? privateFileDestination(options.file) : pino.destination(2));
  return pino(
    {
      level: options.level ?? 'info',
      base: { app: 'nova-studio' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      // `error` too: an Error logged under that name would otherwise lose its message and stack.
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
      hooks: { streamWrite: scrubSecrets },
    },
    destination,
  );
}

/** Logs may quote the manuscript: the file and its folder are owner-only (created so, or tightened). */
function privateFileDestination(file: string): DestinationStream {
  ensurePrivateFolder(path.dirname(file));
  ensurePrivateFile(file);
  return pino.destination({ dest: file, sync: false, mode: PRIVATE_FILE_MODE });
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
