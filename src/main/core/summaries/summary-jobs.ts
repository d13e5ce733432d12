import { z } from 'zod';
import { idSchema } from '../../../shared/models/common';
import type { JobKind, JobRunner } from '../jobs';
import type { Clock } from '../platform/clock';
import { summariseChat, summariseScene, type SummariseDeps } from './summarise';

export const CHAT_SUMMARY_JOB = 'memory.summarizeChat';
export const SCENE_SUMMARY_JOB = 'memory.summarizeScene';

/** A conversation is summarised once it has been quiet this long (ms): not after every reply. */
export const CHAT_IDLE_MS = 3 * 60_000;
/** A scene is summarised once the writer has left it alone this long (ms): not on every autosave. */
export const SCENE_IDLE_MS = 2 * 60_000;

const chatPayload = z.object({ projectId: idSchema, sessionId: idSchema, title: z.string().max(200) }).strict();
const scenePayload = z.object({ projectId: idSchema, sceneId: idSchema }).strict();
export type ChatSummaryPayload = z.infer<typeof chatPayload>;
export type SceneSummaryPayload = z.infer<typeof scenePayload>;

/** The summary job kinds; each writes (or re-writes) one episodic memory per chat or scene. */
export function createSummaryJobKinds(deps: SummariseDeps): { chat: JobKind<ChatSummaryPayload>; scene: JobKind<SceneSummaryPayload> } {
  return {
    chat: {
      kind: CHAT_SUMMARY_JOB,
      payload: chatPayload,
      maxAttempts: 3,
      title: (p) => `Summarise the chat “${p.title}”`,
      async run({ payload, signal, progress }) {
        progress({ done: 0, total: 1, message: 'Summarising the conversation' });
        await summariseChat(deps, payload.sessionId, signal);
        progress({ done: 1, total: 1 });
      },
    },
    scene: {
      kind: SCENE_SUMMARY_JOB,
      payload: scenePayload,
      maxAttempts: 3,
      title: () => 'Summarise a scene',
      async run({ payload, signal, progress }) {
        progress({ done: 0, total: 1, message: 'Summarising the scene' });
        await summariseScene(deps, payload.sceneId, signal);
        progress({ done: 1, total: 1 });
      },
    },
  };
}

export interface SummarySchedulerDeps {
  jobs: JobRunner;
  clock: Clock;
  /** Quiet time before a summary (tests pass 0). */
  chatIdleMs?: number;
  sceneIdleMs?: number;
}

/**
 * Schedules summaries "when idle": each new reply or save enqueues the source's job with the
 * same idempotency key and a later `notBefore`, which the runner treats as a debounce (the
 * waiting job moves later), so a busy conversation or scene is summarised once it goes quiet.
 */
export function createSummaryScheduler(deps: SummarySchedulerDeps) {
  const chatIdle = deps.chatIdleMs ?? CHAT_IDLE_MS;
  const sceneIdle = deps.sceneIdleMs ?? SCENE_IDLE_MS;
  return {
    chatChanged(session: { id: string; projectId: string; title: string }) {
      const payload: ChatSummaryPayload = { projectId: session.projectId, sessionId: session.id, title: session.title.slice(0, 200) };
      return deps.jobs.enqueue({ kind: CHAT_SUMMARY_JOB, payload, projectId: session.projectId, idempotencyKey: `${CHAT_SUMMARY_JOB}:${session.id}`, notBefore: deps.clock.now() + chatIdle });
    },
    sceneSaved(scene: { id: string; projectId: string }) {
      const payload: SceneSummaryPayload = { projectId: scene.projectId, sceneId: scene.id };
      return deps.jobs.enqueue({ kind: SCENE_SUMMARY_JOB, payload, projectId: scene.projectId, idempotencyKey: `${SCENE_SUMMARY_JOB}:${scene.id}`, notBefore: deps.clock.now() + sceneIdle });
    },
  };
}

export type SummaryScheduler = ReturnType<typeof createSummaryScheduler>;
