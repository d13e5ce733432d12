import { and, desc, eq, inArray, isNotNull, or } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { chapters, projects, scenes } from '../db/schema';

/** A trashed row as the trash lists it, before the kind is attached. */
export interface TrashedRow {
  id: string;
  projectId: string;
  title: string;
  deletedAt: number;
}

/**
 * Queries over the trash across tables: what is in it, and removing it for good. Putting rows
 * back goes through each table's own repository (`setDeleted`).
 */
export function createTrashRepo(db: Db) {
  /** Ids of a project's trashed chapters, as a subquery. */
  const trashedChapterIds = (projectId: string) =>
    db
      .select({ id: chapters.id })
      .from(chapters)
      .where(and(eq(chapters.projectId, projectId), isNotNull(chapters.deletedAt)));

  return {
    listProjects(): TrashedRow[] {
      return db
        .select({ id: projects.id, projectId: projects.id, title: projects.title, deletedAt: projects.deletedAt })
        .from(projects)
        .where(isNotNull(projects.deletedAt))
        .orderBy(desc(projects.deletedAt))
        .all() as TrashedRow[];
    },
    listChapters(projectId: string): TrashedRow[] {
      return db
        .select({ id: chapters.id, projectId: chapters.projectId, title: chapters.title, deletedAt: chapters.deletedAt })
        .from(chapters)
        .where(and(eq(chapters.projectId, projectId), isNotNull(chapters.deletedAt)))
        .all() as TrashedRow[];
    },
    /** Scenes trashed themselves, whatever their chapter's state. */
    listScenes(projectId: string): TrashedRow[] {
      return db
        .select({ id: scenes.id, projectId: scenes.projectId, title: scenes.title, deletedAt: scenes.deletedAt })
        .from(scenes)
        .where(and(eq(scenes.projectId, projectId), isNotNull(scenes.deletedAt)))
        .all() as TrashedRow[];
    },
    /** Every scene that emptying a project's trash removes: trashed ones and those inside trashed chapters. */
    purgeableSceneIds(projectId: string): string[] {
      return db
        .select({ id: scenes.id })
        .from(scenes)
        .where(and(eq(scenes.projectId, projectId), or(isNotNull(scenes.deletedAt), inArray(scenes.chapterId, trashedChapterIds(projectId)))))
        .all()
        .map((row) => row.id);
    },
    sceneIdsOfProject(projectId: string): string[] {
      return db
        .select({ id: scenes.id })
        .from(scenes)
        .where(eq(scenes.projectId, projectId))
        .all()
        .map((row) => row.id);
    },
    /** Removes a project's trashed scenes for good; returns how many. */
    purgeScenes(projectId: string): number {
      return db
        .delete(scenes)
        .where(and(eq(scenes.projectId, projectId), isNotNull(scenes.deletedAt)))
        .run().changes;
    },
    /** Removes a project's trashed chapters for good (their scenes cascade); returns how many chapters. */
    purgeChapters(projectId: string): number {
      return db
        .delete(chapters)
        .where(and(eq(chapters.projectId, projectId), isNotNull(chapters.deletedAt)))
        .run().changes;
    },
    /** Removes a trashed project for good; chapters, scenes, codex and snapshots cascade. */
    purgeProject(projectId: string): number {
      return db
        .delete(projects)
        .where(and(eq(projects.id, projectId), isNotNull(projects.deletedAt)))
        .run().changes;
    },
  };
}

export type TrashRepo = ReturnType<typeof createTrashRepo>;
