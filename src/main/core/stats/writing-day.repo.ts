import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { writingDays } from '../db/schema';

/** Words written per project per local day. */
export function createWritingDayRepo(db: Db) {
  const find = (projectId: string, day: string): number =>
    db
      .select({ words: writingDays.words })
      .from(writingDays)
      .where(and(eq(writingDays.projectId, projectId), eq(writingDays.day, day)))
      .get()?.words ?? 0;

  return {
    /** The day's words; 0 for a day with no row yet. */
    find,
    /** Stores the day's words (the caller holds the transaction). */
    put(projectId: string, day: string, words: number, now: number): void {
      db.insert(writingDays)
        .values({ projectId, day, words, updatedAt: now })
        .onConflictDoUpdate({ target: [writingDays.projectId, writingDays.day], set: { words, updatedAt: now } })
        .run();
    },
  };
}

export type WritingDayRepo = ReturnType<typeof createWritingDayRepo>;
