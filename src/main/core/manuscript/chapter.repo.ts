import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Chapter } from '../../../shared/models/manuscript';
import type { Db } from '../db/connection';
import { chapters } from '../db/schema';

type ChapterRow = typeof chapters.$inferSelect;

export function toChapter(row: ChapterRow): Chapter {
  return {
    id: row.id,
    projectId: row.projectId,
    title: row.title,
    synopsis: row.synopsis,
    position: row.position,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Storage of chapters; positions are kept dense (0..n-1) among the live chapters of a project. */
export function createChapterRepo(db: Db) {
  return {
    insert(row: typeof chapters.$inferInsert): void {
      db.insert(chapters).values(row).run();
    },
    /** A chapter that is not in the trash (its project may be checked by the caller). */
    findLive(id: string): ChapterRow | undefined {
      return db
        .select()
        .from(chapters)
        .where(and(eq(chapters.id, id), isNull(chapters.deletedAt)))
        .get();
    },
    findAny(id: string): ChapterRow | undefined {
      return db.select().from(chapters).where(eq(chapters.id, id)).get();
    },
    listLive(projectId: string): ChapterRow[] {
      return db
        .select()
        .from(chapters)
        .where(and(eq(chapters.projectId, projectId), isNull(chapters.deletedAt)))
        .orderBy(asc(chapters.position))
        .all();
    },
    update(id: string, changes: { title?: string; synopsis?: string }, now: number): void {
      db.update(chapters)
        .set({ ...changes, updatedAt: now })
        .where(eq(chapters.id, id))
        .run();
    },
    setPosition(id: string, position: number): void {
      db.update(chapters).set({ position }).where(eq(chapters.id, id)).run();
    },
    setDeleted(id: string, deletedAt: number | null): void {
      db.update(chapters).set({ deletedAt }).where(eq(chapters.id, id)).run();
    },
  };
}

export type ChapterRepo = ReturnType<typeof createChapterRepo>;
