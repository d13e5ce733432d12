import { spawn } from 'node:child_process';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';

/** What one espeak-ng run gave back. */
export interface EspeakRunResult {
  stdout: Buffer;
  stderr: string;
  code: number | null;
}

/** A stopped synthesis (the caller's signal aborted). */
export const speechCancelled = () => new AppError(ErrorCode.CANCELLED, 'Speech synthesis was stopped.');

/**
 * Runs the espeak-ng binary with `input` on stdin (so text starting with "-" is never an option
 * and long chapters hit no argument limits), collecting its output. The signal kills it at once
 * (`CANCELLED`); a binary that cannot start rejects with `PROVIDER_UNREACHABLE` and `notStarted`.
 */
export function runEspeak(binary: string, args: string[], input: string, options: { signal?: AbortSignal; notStarted: string }): Promise<EspeakRunResult> {
  const { signal } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(speechCancelled());
    const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    const onAbort = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdin.on('error', () => undefined); // the process may exit before reading all input
    child.on('error', (cause) => {
      signal?.removeEventListener('abort', onAbort);
      reject(new AppError(ErrorCode.PROVIDER_UNREACHABLE, options.notStarted, { cause }));
    });
    child.on('close', (code) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) return reject(speechCancelled());
      resolve({ stdout: Buffer.concat(out), stderr, code });
    });
    child.stdin.end(input);
  });
}
