import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { systemTimers, type Timers } from '../../platform/clock';
import type { FfmpegLocator } from './ffmpeg-locator';
import { createLineTail, createProgressParser, type FfmpegProgress } from './progress-parser';

/** One ffmpeg (or ffprobe) invocation. */
export interface FfmpegRunRequest {
  /** What this step is, in the writer's words ("rendering scene 3"): errors name it. */
  readonly stage: string;
  readonly args: readonly string[];
  /** Expected output duration; with it progress carries a fraction. */
  readonly durationS?: number;
  /** Removed when the run is cancelled, times out or fails, so no half-written file is reused. */
  readonly outputPath?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: FfmpegProgress) => void;
  /** Kill the process when it writes nothing for this long (a hung decoder); default 2 minutes. */
  readonly idleTimeoutMs?: number;
  /** How many of stderr's last lines to keep for the result and for error messages; default 15. */
  readonly keepStderrLines?: number;
  /** Log lines the caller expects and that say nothing is wrong: kept out of those lines. */
  readonly ignoreLogLines?: RegExp;
  /** Variables added to the process's environment (the app's own are passed on as they are). */
  readonly env?: Readonly<Record<string, string>>;
}

/** What a finished run leaves behind. */
export interface FfmpegRunResult {
  /** The last lines ffmpeg logged (filters such as ebur128 and loudnorm print their results there). */
  readonly stderrTail: readonly string[];
  /** Everything written to stdout when progress is not on it (ffprobe's JSON). */
  readonly stdout: string;
}

/** Runs ffmpeg and ffprobe with progress, cancellation, a hang guard and readable errors. */
export interface FfmpegRunner {
  ffmpeg(request: FfmpegRunRequest): Promise<FfmpegRunResult>;
  ffprobe(request: Omit<FfmpegRunRequest, 'onProgress' | 'durationS' | 'outputPath'>): Promise<FfmpegRunResult>;
}

export interface FfmpegRunnerDeps {
  readonly locator: FfmpegLocator;
  /** Schedules the hang guard; tests fire it by hand. */
  readonly timers?: Timers;
  /** Deletes a partial output; the file system through a port. */
  readonly removeFile?: (file: string) => Promise<void>;
}

const DEFAULT_IDLE_TIMEOUT_MS = 120_000;
const DEFAULT_TAIL = 15;

const capitalised = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

function failureMessage(stage: string, how: string, tail: readonly string[]): string {
  const log = tail.length === 0 ? ' ffmpeg wrote nothing to its log.' : `\nLast lines of ffmpeg's log:\n${tail.map((l) => `  ${l}`).join('\n')}`;
  return `${capitalised(stage)} failed: ${how}.${log}`;
}

type Outcome = { kind: 'exit'; code: number | null; signal: NodeJS.Signals | null } | { kind: 'spawn-error'; error: NodeJS.ErrnoException };

/** How a process ended, with what it wrote. */
interface Finished {
  readonly outcome: Outcome;
  readonly stoppedBy: 'cancel' | 'timeout' | null;
  readonly stderrTail: readonly string[];
  readonly stdout: string;
  readonly lastFraction: number | null;
}

/** Spawns the process and waits for it, feeding progress and killing it on abort or when it goes quiet. */
async function watchProcess(binary: string, request: FfmpegRunRequest, progressOnStdout: boolean, timers: Timers): Promise<Finished> {
  const tail = createLineTail(request.keepStderrLines ?? DEFAULT_TAIL, request.ignoreLogLines);
  let lastFraction: number | null = null;
  const progress = createProgressParser(request.durationS, (p) => {
    lastFraction = p.fraction;
    request.onProgress?.(p);
  });
  let stdout = '';
  let stoppedBy: Finished['stoppedBy'] = null;
  const idleMs = request.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;

  // stdin is a pipe we never write: ffmpeg gets no keyboard commands (and -nostdin says so too).
  const env = request.env === undefined ? {} : { env: { ...process.env, ...request.env } };
  const child = spawn(binary, [...request.args], { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true, ...env });
  const stop = (why: 'cancel' | 'timeout') => {
    if (stoppedBy !== null || child.exitCode !== null) return;
    stoppedBy = why;
    // SIGKILL: the partial output is deleted anyway, and a hung process may ignore SIGTERM.
    child.kill('SIGKILL');
  };
  let cancelIdle = timers.schedule(() => stop('timeout'), idleMs);
  const touch = () => {
    cancelIdle();
    cancelIdle = timers.schedule(() => stop('timeout'), idleMs);
  };
  const onAbort = () => stop('cancel');
  request.signal?.addEventListener('abort', onAbort, { once: true });
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    touch();
    if (progressOnStdout) progress.push(chunk);
    else stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    touch();
    tail.push(chunk);
  });
  const outcome = await new Promise<Outcome>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => resolve({ kind: 'spawn-error', error }));
    child.once('close', (code, sig) => resolve({ kind: 'exit', code, signal: sig }));
  });
  cancelIdle();
  request.signal?.removeEventListener('abort', onAbort);
  return { outcome, stoppedBy, stderrTail: tail.lines(), stdout, lastFraction };
}

/** The error for a run that did not succeed, or null when it did. */
function runError(binary: string, request: FfmpegRunRequest, finished: Finished): AppError | null {
  const { outcome, stoppedBy, stderrTail } = finished;
  const { stage } = request;
  if (outcome.kind === 'spawn-error') {
    return new AppError(ErrorCode.FFMPEG_MISSING, failureMessage(stage, `${binary} could not be started (${outcome.error.code ?? outcome.error.message})`, []));
  }
  if (stoppedBy === 'cancel') return new AppError(ErrorCode.CANCELLED, `${capitalised(stage)} was cancelled.`);
  if (stoppedBy === 'timeout') {
    const idleS = Math.round((request.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS) / 1000);
    return new AppError(ErrorCode.TIMEOUT, failureMessage(stage, `ffmpeg made no progress for ${idleS} s and was stopped`, stderrTail), { retryable: true });
  }
  if (outcome.code === 0) return null;
  const how = outcome.signal !== null ? `ffmpeg was stopped by ${outcome.signal}` : `ffmpeg exited with code ${outcome.code}`;
  return new AppError(ErrorCode.FFMPEG_FAILED, failureMessage(stage, how, stderrTail));
}

/** Creates the runner. The binaries are located on first use, not at construction. */
export function createFfmpegRunner(deps: FfmpegRunnerDeps): FfmpegRunner {
  const timers = deps.timers ?? systemTimers;
  const removeFile = deps.removeFile ?? ((file: string) => rm(file, { force: true }));

  const run = async (binary: string, request: FfmpegRunRequest, progressOnStdout: boolean): Promise<FfmpegRunResult> => {
    if (request.signal?.aborted) throw new AppError(ErrorCode.CANCELLED, `${capitalised(request.stage)} was cancelled.`);
    const finished = await watchProcess(binary, request, progressOnStdout, timers);
    const error = runError(binary, request, finished);
    if (error !== null) {
      if (request.outputPath !== undefined) await removeFile(request.outputPath);
      throw error;
    }
    // ffmpeg's last block says progress=end; if it was lost, the caller still sees the end.
    if (progressOnStdout && finished.lastFraction !== 1) request.onProgress?.({ fraction: 1, outTimeS: request.durationS ?? 0, speed: null, done: true });
    return { stderrTail: finished.stderrTail, stdout: finished.stdout };
  };

  return {
    async ffmpeg(request) {
      const { ffmpeg } = await deps.locator.locate();
      return run(ffmpeg, request, request.args.includes('-progress'));
    },
    async ffprobe(request) {
      const { ffprobe } = await deps.locator.locate();
      return run(ffprobe, request, false);
    },
  };
}
