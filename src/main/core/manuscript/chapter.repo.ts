import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Chapter } from '../../../shared/models/manuscript';
import type { Db } from '../db/connection';
import { chapters } from '../db/schema';

type ChapterRow = typeof chapters.$inferSelect;

/** A stored chapter as the contract's, with its ordinal among the live chapters (its key stays inside). */
export function toChapter(row: ChapterRow, position: number): Chapter {
  return {
    id: row.id,
    projectId: row.projectId,
    title: row.title,
    synopsis: row.synopsis,
    position,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Storage of chapters; a chapter's `position` is its fractional key among its project's chapters (positions.ts). */
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
    /** Live chapters of a project in order. */
    listLive(projectId: string): ChapterRow[] {
      return db
        .select()
        .from(chapters)
        .where(and(eq(chapters.projectId, projectId), isNull(chapters.deletedAt)))
        .orderBy(asc(chapters.position), asc(chapters.id))
        .all();
    },
    update(id: string, changes: { title?: string; synopsis?: string }, now: number): void {
      db.update(chapters)
        .set({ ...changes, updatedAt: now })
        .where(eq(chapters.id, id))
        .run();
    },
    /** Writes the chapter's key only: a move touches no other chapter. */
    setPosition(id: string, position: string): void {
      db.update(chapters).set({ position }).where(eq(chapters.id, id)).run();
    },
    setDeleted(id: string, deletedAt: number | null): void {
      db.update(chapters).set({ deletedAt }).where(eq(chapters.id, id)).run();
    },
  };
}

export type ChapterRepo = ReturnType<typeof createChapterRepo>;
