import { z } from 'zod';
import { idSchema } from '../models/common';
import { sceneSavedSchema } from '../models/manuscript';
import { writingSessionSchema } from '../models/writing-session';
import { appErrorSchema } from './errors';
import { pullProgressSchema, streamNoticeKindSchema, streamSeqSchema, streamUsageSchema } from '../models/llm';
import { jobSchema } from '../models/jobs';
import { runStatusSchema } from '../models/runs';
import { renderSchema, voiceInstallSchema } from '../models/media';
import { syncStatusSchema } from '../models/sync';

/**
 * Push events from the core to every connected UI. A window that did not cause a change still
 * learns of it (a second window, the browser mode beside the app).
 */
export const events = {
  /** The list of projects or a project's fields changed. */
  'project.changed': z.object({ projectId: idSchema.nullable() }),
  /** Chapters or scenes were added, moved, renamed, deleted or restored. */
  'outline.changed': z.object({ projectId: idSchema }),
  /**
   * A scene's text was saved (here, or merged from another device); an autosave also carries the
   * project's writing session after it. Never the text itself: a window re-reads it.
   */
  'scene.saved': sceneSavedSchema.omit({ content: true }).extend({ projectId: idSchema, session: writingSessionSchema.optional() }),
  /** Codex entries changed. */
  'codex.changed': z.object({ projectId: idSchema }),
  /** A snapshot was made, restored or deleted. */
  'snapshot.changed': z.object({ projectId: idSchema }),
  /**
   * More text of a running stream (a chat reply or an inline suggestion). Every stream event
   * carries `seq`, its number within the stream: a UI that reconnects asks `stream.replay` for
   * those after the last it saw, and ignores any it already has.
   */
  'stream.delta': z.object({ streamId: idSchema, seq: streamSeqSchema, text: z.string() }),
  /** Something the writer should see about a stream: a fallback to another model, trimmed history, a retry. */
  'stream.notice': z.object({ streamId: idSchema, seq: streamSeqSchema, kind: streamNoticeKindSchema, message: z.string() }),
  /** A stream finished, was stopped, or failed: always its last event. */
  'stream.end': z.object({
    streamId: idSchema,
    seq: streamSeqSchema,
    status: z.enum(['done', 'cancelled', 'error']),
    error: appErrorSchema.optional(),
    usage: streamUsageSchema.optional(),
  }),
  /** Progress of an Ollama model pull. */
  'llm.pullProgress': pullProgressSchema,
  /**
   * Keys, routes or the Ollama address changed, or the last model call's outcome did: re-read
   * llm.status. `cause: 'call-failed'` says only that a call failed: no model became usable.
   */
  'llm.changed': z.object({ cause: z.literal('call-failed').optional() }),
  /** A chat session's messages changed. */
  'chat.changed': z.object({ projectId: idSchema, sessionId: idSchema }),
  /** A background job was added or changed (status, progress, error); `seq` orders a job's events. */
  'job.changed': jobSchema,
  /** A project's memories or its index changed (re-read memory.list / memory.indexStatus). */
  'memory.changed': z.object({ projectId: idSchema }),
  /** A project's continuity issues changed. */
  'continuity.changed': z.object({ projectId: idSchema }),
  /** A run, one of its steps or one of its proposals changed; `seq` is the run's (re-read runs.get when it is newer). */
  'run.changed': z.object({ projectId: idSchema, runId: idSchema, status: runStatusSchema, seq: z.number().int().nonnegative() }),
  /** The writer's playbooks or the content policy changed. */
  'playbooks.changed': z.object({}),
  /** Where sync stands changed (phase, progress, pending changes, a problem): the whole status, as `sync.status` answers. */
  'sync.changed': syncStatusSchema,
  /** A project's videos or media assets changed (re-read media.videos.* / media.assets.list). */
  'media.changed': z.object({ projectId: idSchema, videoId: idSchema.nullable() }),
  /** A render's status, stage, progress or files changed (the whole render: it is small). */
  'render.changed': renderSchema,
  /** A voice download progressed, finished or failed. */
  'media.voice.changed': voiceInstallSchema,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const eventNames = Object.keys(events) as EventName[];

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}
