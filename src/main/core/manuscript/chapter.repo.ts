import { and, asc, eq, isNull, sql } from 'drizzle-orm';
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
  // Lookups by id run several times per scene save and per synced record: prepared once (drizzle
  // builds and prepares a query anew on every call otherwise, several times the lookup itself).
  const liveById = db
    .select()
    .from(chapters)
    .where(and(eq(chapters.id, sql.placeholder('id')), isNull(chapters.deletedAt)))
    .prepare();
  const anyById = db.select().from(chapters).where(eq(chapters.id, sql.placeholder('id'))).prepare();
  return {
    insert(row: typeof chapters.$inferInsert): void {
      db.insert(chapters).values(row).run();
    },
    /** A chapter that is not in the trash (its project may be checked by the caller). */
    findLive(id: string): ChapterRow | undefined {
      return liveById.get({ id });
    },
    findAny(id: string): ChapterRow | undefined {
      return anyById.get({ id });
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
