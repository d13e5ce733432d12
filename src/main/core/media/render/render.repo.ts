import { and, desc, eq, inArray, notInArray } from 'drizzle-orm';
import type { RenderStatus } from '../../../../shared/models/media';
import type { Db } from '../../db/connection';
import { mediaRenders, videos } from '../../db/schema';

export type RenderRow = typeof mediaRenders.$inferSelect;
export type RenderInsert = typeof mediaRenders.$inferInsert;
export type RenderPatch = Partial<Omit<RenderInsert, 'id' | 'videoId' | 'projectId' | 'createdAt' | 'spec'>>;

const ACTIVE: RenderStatus[] = ['queued', 'running'];

/** The renders table. */
export function createRenderRepo(db: Db) {
  return {
    insert(row: RenderInsert): RenderRow {
      db.insert(mediaRenders).values(row).run();
      return this.get(row.id) as RenderRow;
    },
    get(id: string): RenderRow | undefined {
      return db.select().from(mediaRenders).where(eq(mediaRenders.id, id)).get();
    },
    byJob(jobId: string): RenderRow | undefined {
      return db.select().from(mediaRenders).where(eq(mediaRenders.jobId, jobId)).get();
    },
    listByVideo(videoId: string): RenderRow[] {
      return db.select().from(mediaRenders).where(eq(mediaRenders.videoId, videoId)).orderBy(desc(mediaRenders.createdAt), desc(mediaRenders.id)).all();
    },
    /** A queued or running render of this video at this revision: starting it again returns it. */
    findActive(videoId: string, revision: number): RenderRow | undefined {
      return db
        .select()
        .from(mediaRenders)
        .where(and(eq(mediaRenders.videoId, videoId), eq(mediaRenders.videoRevision, revision), inArray(mediaRenders.status, ACTIVE)))
        .get();
    },
    withStatus(statuses: RenderStatus[]): RenderRow[] {
      return db.select().from(mediaRenders).where(inArray(mediaRenders.status, statuses)).all();
    },
    update(id: string, patch: RenderPatch): RenderRow | undefined {
      db.update(mediaRenders).set(patch).where(eq(mediaRenders.id, id)).run();
      return this.get(id);
    },
    /** Renders whose video no longer exists (deleted with its project, or before renders followed deletes). */
    orphans(): RenderRow[] {
      return db.select().from(mediaRenders).where(notInArray(mediaRenders.videoId, db.select({ id: videos.id }).from(videos))).all();
    },
    delete(id: string): void {
      db.delete(mediaRenders).where(eq(mediaRenders.id, id)).run();
    },
  };
}

export type RenderRepo = ReturnType<typeof createRenderRepo>;
