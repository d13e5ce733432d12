import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { ErrorCategory } from '../../../shared/models/jobs';
import { categoryOfCode } from '../jobs';
import type { Clock } from '../platform/clock';
import type { RunRepo } from './run.repo';
import type { AgentStepResult, StepStreams } from './run.types';

/** How long streamed step text may go unsaved: the run view re-reads it after a reconnect. */
export const STEP_TEXT_PERSIST_MS = 500;

/**
 * The category of a step's failure. A model answer that failed its schema even after the LLM
 * service's repair attempt (`INVALID_OUTPUT`) is a validation failure here: asking again with
 * the same prompt is what the repair already did.
 */
export function stepErrorCategory(code: string): ErrorCategory {
  if (code === ErrorCode.INVALID_OUTPUT) return 'validation';
  return categoryOfCode(code);
}

/** A code, a sentence and a category for whatever a step's call threw (never a stack trace). */
export function toStepError(error: unknown): { code: string; message: string; category: ErrorCategory } {
  if (error instanceof AppError) return { code: error.code, message: error.message, category: stepErrorCategory(error.code) };
  return { code: ErrorCode.INTERNAL, message: 'Something went wrong in this step. The details were written to the log.', category: 'unknown' };
}

export interface StreamedCallDeps {
  repo: RunRepo;
  clock: Clock;
  streams: StepStreams;
}

/**
 * Runs one call of a step as a stream the run view follows: the stream id is stored on the step
 * at once, deltas reach the registry, and the text so far is saved at most every
 * {@link STEP_TEXT_PERSIST_MS}. Resolves or rejects as the call does.
 */
export function streamedCall(
  deps: StreamedCallDeps,
  step: { runId: string; key: string },
  call: (onDelta: (text: string) => void, streamId: string) => Promise<AgentStepResult>,
): { streamId: string; done: Promise<AgentStepResult> } {
  let settle!: { resolve: (result: AgentStepResult) => void; reject: (error: unknown) => void };
  const done = new Promise<AgentStepResult>((resolve, reject) => {
    settle = { resolve, reject };
  });
  let text = '';
  let savedAt = deps.clock.now();
  const streamId = deps.streams.start(async (stream) => {
    const onDelta = (delta: string) => {
      text += delta;
      stream.delta(delta);
      const now = deps.clock.now();
      if (now - savedAt >= STEP_TEXT_PERSIST_MS) {
        savedAt = now;
        deps.repo.updateStep(step.runId, step.key, { text }, { bump: false });
      }
    };
    try {
      const result = await call(onDelta, stream.streamId);
      settle.resolve(result);
    } catch (error) {
      settle.reject(error);
      throw error;
    }
    return undefined;
  });
  return { streamId, done };
}

/** Waits `ms` through the timers port; rejects at once when `signal` aborts. */
export function pause(schedule: (fn: () => void, ms: number) => () => void, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new AppError(ErrorCode.CANCELLED, 'Cancelled.'));
      return;
    }
    const onAbort = () => {
      cancel();
      reject(new AppError(ErrorCode.CANCELLED, 'Cancelled.'));
    };
    const cancel = schedule(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
