import { notFound } from '../../../shared/ipc/errors';
import { Limits } from '../../../shared/models/common';
import type { Snapshot, SnapshotPreview, SnapshotScope } from '../../../shared/models/snapshot';
import { inTransaction, type AppDatabase } from '../db/connection';
import type { EventBus } from '../events';
import { type ChapterRepo, documentToPlainText, type SceneRepo } from '../manuscript';
import type { Clock, IdGenerator } from '../platform/clock';
import type { ProjectRepo } from '../projects';
import { captureTarget } from './capture';
import { applySnapshot } from './restore';
import { parsePayload, payloadWordCount } from './snapshot-payload';
import { toSnapshot, type SnapshotRepo, type SnapshotRow } from './snapshot.repo';

export interface SnapshotDeps {
  database: AppDatabase;
  projects: ProjectRepo;
  chapters: ChapterRepo;
  scenes: SceneRepo;
  snapshots: SnapshotRepo;
  events: EventBus;
  clock: Clock;
  ids: IdGenerator;
}

export interface SnapshotRestored {
  safetySnapshotId: string;
  restoredSceneIds: string[];
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The label of the automatic snapshot a restore takes first, naming what was restored. */
function safetyLabel(snapshot: SnapshotRow): string {
  const name = snapshot.label.trim() || `snapshot of ${dateFormat.format(snapshot.createdAt)}`;
  // Stay inside the label limit however long the restored snapshot's own label was.
  return `Before restoring “${name.slice(0, Limits.shortText - 40)}”`;
}

/** Version history: snapshots of a scene, chapter or project, their previews and restores. */
export function createSnapshotService(deps: SnapshotDeps) {
  const { database, projects, chapters, scenes, snapshots, events, clock, ids } = deps;

  /** Captures the target's current state and stores it; the caller holds the transaction. */
  const take = (scope: SnapshotScope, targetId: string, label: string, now: number): SnapshotRow => {
    const { projectId, payload } = captureTarget({ projects, chapters, scenes }, scope, targetId);
    const row: SnapshotRow = { id: ids.newId(), projectId, scope, targetId, label, payload: JSON.stringify(payload), wordCount: payloadWordCount(payload), createdAt: now };
    snapshots.insert(row);
    return row;
  };
  /** A snapshot of a project that is not in the trash. */
  const visible = (id: string): SnapshotRow => {
    const row = snapshots.find(id);
    if (!row || !projects.findLive(row.projectId)) throw notFound('The snapshot');
    return row;
  };

  return {
    create(input: { scope: SnapshotScope; targetId: string; label: string }): Snapshot {
      const row = inTransaction(database, () => take(input.scope, input.targetId, input.label, clock.now()));
      events.emit('snapshot.changed', { projectId: row.projectId });
      return toSnapshot(row);
    },

    /** Newest first, filtered exactly by the scope and target given (no enclosing scopes). */
    list(filter: { projectId: string; scope?: SnapshotScope | undefined; targetId?: string | undefined }): Snapshot[] {
      if (!projects.findLive(filter.projectId)) throw notFound('The project');
      return snapshots.list(filter).map(toSnapshot);
    },

    preview(id: string): SnapshotPreview {
      const row = visible(id);
      const scenesText = parsePayload(row.payload).chapters.flatMap((chapter) =>
        chapter.scenes.map((scene) => ({
          sceneId: scene.id,
          chapterTitle: chapter.title,
          title: scene.title,
          text: documentToPlainText(scene.content),
          content: scene.content,
        })),
      );
      return { snapshot: toSnapshot(row), scenes: scenesText };
    },

    /**
     * Puts the target back as the snapshot holds it, in one transaction, after snapshotting its
     * current state so the restore can itself be undone. Scenes added since go to the trash.
     * `restoredSceneIds` names the scenes that differed from the snapshot and were put back.
     */
    restore(id: string): SnapshotRestored {
      const row = visible(id);
      const payload = parsePayload(row.payload);
      const scope = row.scope as SnapshotScope;
      const now = clock.now();
      const result = inTransaction(database, () => {
        const safety = take(scope, row.targetId, safetyLabel(row), now);
        const restored = applySnapshot({ chapters, scenes }, scope, row.projectId, payload, now);
        projects.touch(row.projectId, now);
        return { safety, restored };
      });
      events.emit('snapshot.changed', { projectId: row.projectId });
      events.emit('outline.changed', { projectId: row.projectId });
      for (const { id: sceneId, revision, wordCount, textChanged } of result.restored) {
        if (textChanged) events.emit('scene.saved', { id: sceneId, revision, wordCount, savedAt: now, projectId: row.projectId });
      }
      return { safetySnapshotId: result.safety.id, restoredSceneIds: result.restored.map((s) => s.id) };
    },

    /** Deletes a snapshot for good (snapshots have no trash). */
    delete(id: string): void {
      const row = visible(id);
      snapshots.delete(id);
      events.emit('snapshot.changed', { projectId: row.projectId });
    },
  };
}

export type SnapshotService = ReturnType<typeof createSnapshotService>;
