import { and, desc, eq, sql } from 'drizzle-orm';
import type { Snapshot, SnapshotScope } from '../../../shared/models/snapshot';
import type { Db } from '../db/connection';
import { snapshots } from '../db/schema';

export type SnapshotRow = typeof snapshots.$inferSelect;
type SnapshotMetaRow = Omit<SnapshotRow, 'payload'>;

export function toSnapshot(row: SnapshotMetaRow): Snapshot {
  return {
    id: row.id,
    projectId: row.projectId,
    scope: row.scope as SnapshotScope,
    targetId: row.targetId,
    label: row.label,
    wordCount: row.wordCount,
    createdAt: row.createdAt,
  };
}

/** Everything but the payload, which can hold a whole manuscript and is read only to preview or restore. */
const metaColumns = {
  id: snapshots.id,
  projectId: snapshots.projectId,
  scope: snapshots.scope,
  targetId: snapshots.targetId,
  label: snapshots.label,
  wordCount: snapshots.wordCount,
  createdAt: snapshots.createdAt,
};

/** Storage of snapshots. Snapshots are never edited; they leave only when deleted or with their project. */
export function createSnapshotRepo(db: Db) {
  return {
    insert(row: typeof snapshots.$inferInsert): void {
      db.insert(snapshots).values(row).run();
    },
    find(id: string): SnapshotRow | undefined {
      return db.select().from(snapshots).where(eq(snapshots.id, id)).get();
    },
    /** Newest first; snapshots taken in the same millisecond (a restore and its safety copy) by insertion order. */
    list(filter: { projectId: string; scope?: string | undefined; targetId?: string | undefined }): SnapshotMetaRow[] {
      return db
        .select(metaColumns)
        .from(snapshots)
        .where(
          and(
            eq(snapshots.projectId, filter.projectId),
            filter.scope === undefined ? undefined : eq(snapshots.scope, filter.scope),
            filter.targetId === undefined ? undefined : eq(snapshots.targetId, filter.targetId),
          ),
        )
        .orderBy(desc(snapshots.createdAt), desc(sql`rowid`))
        .all();
    },
    delete(id: string): boolean {
      return db.delete(snapshots).where(eq(snapshots.id, id)).run().changes > 0;
    },
  };
}

export type SnapshotRepo = ReturnType<typeof createSnapshotRepo>;
