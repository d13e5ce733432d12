import type { Logger } from 'pino';
import type { EventBus } from '../events';
import type { JobRunner } from '../jobs';
import type { Clock } from '../platform/clock';
import type { SummariseDeps } from './summarise';
import { createSummaryJobKinds, createSummaryScheduler } from './summary-jobs';

export interface SummariesDeps extends SummariseDeps {
  jobs: JobRunner;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  /** Quiet time before a summary (ms; tests pass 0). */
  chatIdleMs?: number;
  sceneIdleMs?: number;
}

/**
 * Registers the summary job kinds and schedules a scene's summary after each save (debounced
 * until the scene is left alone). Chat summaries are scheduled by the chat service through
 * `chatChanged`, after each finished reply. Call before the job runner starts.
 */
export function createSummaries(deps: SummariesDeps) {
  const kinds = createSummaryJobKinds(deps);
  deps.jobs.register(kinds.chat);
  deps.jobs.register(kinds.scene);
  const scheduler = createSummaryScheduler({
    jobs: deps.jobs,
    clock: deps.clock,
    ...(deps.chatIdleMs !== undefined && { chatIdleMs: deps.chatIdleMs }),
    ...(deps.sceneIdleMs !== undefined && { sceneIdleMs: deps.sceneIdleMs }),
  });
  // Scheduling must never break a save or a reply: a failure here is logged, and the next save retries.
  const safely = (what: string, fn: () => void) => {
    try {
      fn();
    } catch (error) {
      deps.logger.warn({ err: error }, `could not schedule ${what}`);
    }
  };
  const unsubscribe = deps.events.subscribe((name, payload) => {
    if (name !== 'scene.saved') return;
    const { id, projectId } = payload as { id: string; projectId: string };
    safely('a scene summary', () => scheduler.sceneSaved({ id, projectId }));
  });
  return {
    chatChanged: (session: { id: string; projectId: string; title: string }) => safely('a chat summary', () => scheduler.chatChanged(session)),
    close: unsubscribe,
  };
}

export type Summaries = ReturnType<typeof createSummaries>;
