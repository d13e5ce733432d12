import type { MethodName, MethodOutput, ParsedInput } from '../../shared/ipc/contract';
import type { Handler, Handlers } from './handlers';
import type { Logger } from './platform/logger';

/** What one key event logs: a message and a few ids and numbers — never the writer's text or a key. */
type KeyEvent<M extends MethodName> = { message: string; fields(input: ParsedInput<M>, output: MethodOutput<M>): Record<string, unknown> };
type KeyEvents = { [M in MethodName]?: KeyEvent<M> };

/**
 * The events worth a line at `info` in the log: what changed the writer's data or left the
 * machine. (Streams log their own start and end with tokens, see stream-registry.ts; failures
 * are logged by the router with their code.)
 */
const KEY_EVENTS: KeyEvents = {
  'project.create': { message: 'project created', fields: (_input, project) => ({ projectId: project.id }) },
  'project.delete': { message: 'project moved to the trash', fields: (input) => ({ projectId: input.id }) },
  'scene.save': {
    message: 'scene saved',
    fields: (input, saved) => ({ sceneId: input.id, baseRevision: input.baseRevision, revision: saved.revision, words: saved.wordCount }),
  },
  'export.run': {
    message: 'manuscript exported',
    fields: (input, file) => ({ projectId: input.projectId, format: input.format, chapters: input.chapterIds?.length ?? 'all', bytes: file.byteLength }),
  },
  'snapshot.create': { message: 'snapshot taken', fields: (input, snapshot) => ({ snapshotId: snapshot.id, scope: input.scope, targetId: input.targetId }) },
  'snapshot.restore': {
    message: 'snapshot restored',
    fields: (input, restored) => ({ snapshotId: input.id, safetySnapshotId: restored.safetySnapshotId, scenesRestored: restored.restoredSceneIds.length }),
  },
  'trash.restore': { message: 'restored from the trash', fields: (input) => ({ kind: input.kind, id: input.id }) },
  'trash.empty': { message: 'trash emptied', fields: (input, result) => ({ projectId: input.projectId ?? 'all', removed: result.removed }) },
  'keys.set': { message: 'API key stored', fields: (input) => ({ provider: input.provider }) },
  'keys.delete': { message: 'API key removed', fields: (input) => ({ provider: input.provider }) },
  'routes.update': { message: 'models file saved', fields: () => ({}) },
  'prompts.edit': { message: 'prompt edited', fields: (input, version) => ({ promptId: input.id, version: version.version }) },
  'proposals.approve': {
    message: 'agent proposal approved',
    fields: (input, p) => ({ proposalId: p.id, runId: p.runId, type: p.change.type, edited: input.edited !== undefined, status: p.status }),
  },
  'proposals.reject': { message: 'agent proposal rejected', fields: (_input, p) => ({ proposalId: p.id, runId: p.runId, type: p.change.type }) },
};

/**
 * Wraps the handlers of key events so each success is logged once, at `info`, in the call's
 * log context (its trace id comes from the router). One seam for the whole core instead of a
 * logger threaded into every service: the services stay as they are, and the list above is
 * the one place to read what the log records.
 */
export function withKeyEventLogs(handlers: Handlers, logger: Logger): Handlers {
  const wrapped: Record<string, unknown> = { ...handlers };
  for (const method of Object.keys(KEY_EVENTS) as MethodName[]) {
    const event = KEY_EVENTS[method] as KeyEvent<MethodName>;
    const handler = handlers[method] as Handler<MethodName>;
    wrapped[method] = async (input: ParsedInput<MethodName>, context: Parameters<Handler<MethodName>>[1]) => {
      const output = await handler(input, context);
      logger.info({ event: method, ...event.fields(input, output) }, event.message);
      return output;
    };
  }
  return wrapped as Handlers;
}
