import { AppError, ErrorCode, notFound } from '../../../shared/ipc/errors';
import type { TrashItem, TrashKind } from '../../../shared/models/trash';
import type { CodexRepo } from '../codex';
import { inTransaction, type AppDatabase } from '../db/connection';
import type { EventBus } from '../events';
import type { ChapterRepo, SceneIndex, SceneRepo } from '../manuscript';
import type { Clock } from '../platform/clock';
import type { ProjectRepo } from '../projects';
import type { TrashedRow, TrashRepo } from './trash.repo';

export interface TrashDeps {
  database: AppDatabase;
  projects: ProjectRepo;
  chapters: ChapterRepo;
  scenes: SceneRepo;
  codex: CodexRepo;
  sceneIndex: SceneIndex;
  trash: TrashRepo;
  events: EventBus;
  clock: Clock;
  /**
   * What else must forget items deleted for good (the memory index: chunks, words, vectors).
   * Called in the purge's transaction, before the rows go.
   */
  forget?: PurgeListener;
}

/** Told of scenes, codex entries and projects as they are deleted for good. */
export interface PurgeListener {
  sources(type: 'scene' | 'codex', ids: readonly string[]): void;
  project(projectId: string): void;
}

type ChapterRow = NonNullable<ReturnType<ChapterRepo['findAny']>>;

const notInTrash = () => new AppError(ErrorCode.NOT_FOUND, 'That item is no longer in the trash.');
const projectInTrash = () =>
  new AppError(ErrorCode.CONFLICT, 'Its project is in the trash. Restore the project first, then this item.');

const withKind = (kind: TrashKind) => (row: TrashedRow): TrashItem => ({ kind, ...row });

/** The trash: lists soft-deleted items, puts them back, and deletes them for good on request. */
export function createTrashService(deps: TrashDeps) {
  const { database, projects, chapters, scenes, codex, sceneIndex, trash, events, clock } = deps;

  const requireLiveProject = (projectId: string) => {
    if (!projects.findLive(projectId)) throw projectInTrash();
  };

  /*
   * An item comes back under the fractional key it had (a delete leaves its siblings' keys as
   * they were), so it lands between the neighbours it had — after the one before it, if that one
   * is still there — and no other row is written.
   */
  const putBackChapter = (chapter: ChapterRow) => chapters.setDeleted(chapter.id, null);
  const putBackScene = (sceneId: string) => scenes.setDeleted(sceneId, null);

  /*
   * Each restore returns the project it touched, or null when the item was already back: a
   * stale Undo after the item was restored elsewhere is a no-op, not an error. Only an item
   * that is gone for good (or never was) is NOT_FOUND.
   */
  const restoreChapter = (id: string, now: number): string | null => {
    const chapter = chapters.findAny(id);
    if (!chapter) throw notInTrash();
    requireLiveProject(chapter.projectId);
    if (chapter.deletedAt === null) return null;
    putBackChapter(chapter);
    projects.touch(chapter.projectId, now);
    return chapter.projectId;
  };

  const restoreScene = (id: string, now: number): string | null => {
    const scene = scenes.findMeta(id);
    if (!scene) throw notInTrash();
    requireLiveProject(scene.projectId);
    const chapter = chapters.findAny(scene.chapterId);
    const chapterTrashed = chapter !== undefined && chapter.deletedAt !== null;
    if (scene.deletedAt === null && !chapterTrashed) return null;
    // A scene of a trashed chapter comes back with its chapter rather than into some other
    // chapter: the writer sees it where it was, and the chapter's other live scenes return too.
    if (chapter && chapterTrashed) putBackChapter(chapter);
    if (scene.deletedAt !== null) putBackScene(scene.id);
    projects.touch(scene.projectId, now);
    return scene.projectId;
  };

  const restoreCodex = (id: string, now: number): string | null => {
    const entry = codex.findAny(id);
    if (!entry) throw notInTrash();
    requireLiveProject(entry.projectId);
    if (entry.deletedAt === null) return null;
    codex.setDeleted(id, null);
    projects.touch(entry.projectId, now);
    return entry.projectId;
  };

  const restoreProject = (id: string): string | null => {
    const project = projects.findAny(id);
    if (!project) throw notInTrash();
    if (project.deletedAt === null) return null;
    projects.setDeleted(id, null);
    return id;
  };

  /** Removes a project's trashed chapters, scenes and codex entries and their index rows. */
  const emptyProject = (projectId: string): number => {
    const sceneIds = trash.purgeableSceneIds(projectId);
    for (const sceneId of sceneIds) sceneIndex.remove(sceneId);
    deps.forget?.sources('scene', sceneIds);
    deps.forget?.sources('codex', codex.listTrashed(projectId).map((row) => row.id));
    // Scenes first: a trashed scene inside a trashed chapter counts once, as the list shows it.
    return trash.purgeScenes(projectId) + trash.purgeChapters(projectId) + codex.purgeTrashed(projectId);
  };

  /** Removes every trashed project with everything in it (rows cascade; the index does not). */
  const emptyProjects = (): number => {
    let removed = 0;
    for (const project of trash.listProjects()) {
      for (const sceneId of trash.sceneIdsOfProject(project.id)) sceneIndex.remove(sceneId);
      deps.forget?.project(project.id);
      removed += trash.purgeProject(project.id);
    }
    return removed;
  };

  return {
    /** Trashed projects when no project is given; else the project's trashed chapters, scenes and codex entries. Newest first. */
    list(projectId?: string): TrashItem[] {
      if (projectId === undefined) return trash.listProjects().map(withKind('project'));
      if (!projects.findAny(projectId)) throw notFound('The project');
      const codexRows = codex.listTrashed(projectId).map((row) => ({ id: row.id, projectId, title: row.name, deletedAt: row.deletedAt ?? 0 }));
      return [
        ...trash.listChapters(projectId).map(withKind('chapter')),
        ...trash.listScenes(projectId).map(withKind('scene')),
        ...codexRows.map(withKind('codex')),
      ].sort((a, b) => b.deletedAt - a.deletedAt);
    },

    /** Brings an item back; an item already back is left as it is (idempotent, for Undo). */
    restore(ref: { kind: TrashKind; id: string }): void {
      const now = clock.now();
      const projectId = inTransaction(database, () => {
        if (ref.kind === 'project') return restoreProject(ref.id);
        if (ref.kind === 'chapter') return restoreChapter(ref.id, now);
        if (ref.kind === 'scene') return restoreScene(ref.id, now);
        return restoreCodex(ref.id, now);
      });
      if (projectId === null) return;
      if (ref.kind === 'project') events.emit('project.changed', { projectId });
      else if (ref.kind === 'codex') events.emit('codex.changed', { projectId });
      else events.emit('outline.changed', { projectId });
    },

    /** Deletes trashed items for good: a project's, or (without one) the trashed projects. */
    empty(projectId?: string): { removed: number } {
      if (projectId !== undefined && !projects.findAny(projectId)) throw notFound('The project');
      const removed = inTransaction(database, () => (projectId === undefined ? emptyProjects() : emptyProject(projectId)));
      // Trash views listen to project.changed; live outlines and codex lists did not change.
      events.emit('project.changed', { projectId: projectId ?? null });
      return { removed };
    },
  };
}

export type TrashService = ReturnType<typeof createTrashService>;
