import { and, desc, eq } from 'drizzle-orm';
import type { MediaAssetKind } from '../../../../shared/models/media';
import type { Db } from '../../db/connection';
import { mediaAssets } from '../../db/schema';

export type AssetRow = typeof mediaAssets.$inferSelect;

/** Storage of the writer's imported images and sound files. */
export function createAssetRepo(db: Db) {
  return {
    insert(row: AssetRow): void {
      db.insert(mediaAssets).values(row).run();
    },
    find(id: string): AssetRow | undefined {
      return db.select().from(mediaAssets).where(eq(mediaAssets.id, id)).get();
    },
    /** A project's assets (of one kind, when given), newest first. */
    list(projectId: string, kind?: MediaAssetKind): AssetRow[] {
      const where = kind === undefined ? eq(mediaAssets.projectId, projectId) : and(eq(mediaAssets.projectId, projectId), eq(mediaAssets.kind, kind));
      return db.select().from(mediaAssets).where(where).orderBy(desc(mediaAssets.createdAt), desc(mediaAssets.id)).all();
    },
    delete(id: string): void {
      db.delete(mediaAssets).where(eq(mediaAssets.id, id)).run();
    },
  };
}

export type AssetRepo = ReturnType<typeof createAssetRepo>;
