import type Database from 'better-sqlite3';
import type { EventBus } from '../../events';
import type { RowValues } from './record-store';
import type { SyncedCollection } from './sync-registry';

/**
 * Collects which open views a remote apply changed and emits the app's existing events once per
 * view after the transaction, so an open outline, codex or chat refreshes as after a local edit.
 */
export function createChangeNotifier(sqlite: Database.Database, events: EventBus) {
  const pending = new Map<string, () => void>();
  const add = (key: string, emit: () => void) => {
    if (!pending.has(key)) pending.set(key, emit);
  };
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const sessionProject = sqlite.prepare('select project_id from chat_sessions where id = ?').pluck();

  return {
    /** A record of `collection` with these row values (before a delete, after a write) changed. */
    touch(collection: SyncedCollection, id: string, values: RowValues): void {
      const projectId = text(values.project_id);
      switch (collection.notice) {
        case 'project':
          add(`project:${id}`, () => events.emit('project.changed', { projectId: id }));
          return;
        case 'outline':
          if (projectId) add(`outline:${projectId}`, () => events.emit('outline.changed', { projectId }));
          return;
        case 'codex':
          if (projectId) add(`codex:${projectId}`, () => events.emit('codex.changed', { projectId }));
          return;
        case 'snapshot':
          if (projectId) add(`snapshot:${projectId}`, () => events.emit('snapshot.changed', { projectId }));
          return;
        case 'memory':
          if (projectId) add(`memory:${projectId}`, () => events.emit('memory.changed', { projectId }));
          return;
        case 'media':
          if (projectId) add(`media:${projectId}:${id}`, () => events.emit('media.changed', { projectId, videoId: collection.name === 'videos' ? id : null }));
          return;
        case 'playbooks':
          add('playbooks', () => events.emit('playbooks.changed', {}));
          return;
        case 'chat-session':
          if (projectId) add(`chat:${id}`, () => events.emit('chat.changed', { projectId, sessionId: id }));
          return;
        case 'chat-message': {
          const sessionId = text(values.session_id);
          const owner = sessionId ? text(sessionProject.get(sessionId)) : null;
          if (sessionId && owner) add(`chat:${sessionId}`, () => events.emit('chat.changed', { projectId: owner, sessionId }));
          return;
        }
        case 'none':
          return;
      }
    },
    /** Emits what was collected (after the commit) and forgets it. */
    flush(): void {
      const emits = [...pending.values()];
      pending.clear();
      for (const emit of emits) emit();
    },
  };
}

export type ChangeNotifier = ReturnType<typeof createChangeNotifier>;
