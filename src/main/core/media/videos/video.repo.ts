import { and, desc, eq, sql } from 'drizzle-orm';
import {
  captionModeSchema,
  scriptDraftSchema,
  thumbnailSettingsSchema,
  videoFormatSchema,
  videoMusicSchema,
  videoScriptSchema,
  videoSourceSchema,
  voiceProfileSchema,
  type ScriptDraft,
  type Video,
} from '../../../../shared/models/media';
import type { Db } from '../../db/connection';
import { videos } from '../../db/schema';

export type VideoRow = typeof videos.$inferSelect;

/** The columns a change may set (already serialised by {@link videoColumns}). */
export type VideoColumns = Partial<Omit<VideoRow, 'id' | 'projectId' | 'createdAt'>>;

/**
 * The stored row as the contract's video. Every JSON column is parsed with its schema, so a row
 * written by an older build reads with today's defaults.
 */
export function toVideo(row: VideoRow): Video {
  return {
    id: row.id,
    projectId: row.projectId,
    title: row.title,
    source: videoSourceSchema.parse(JSON.parse(row.source)),
    script: videoScriptSchema.parse(JSON.parse(row.script)),
    voice: voiceProfileSchema.parse(JSON.parse(row.voice)),
    music: row.music === null ? null : videoMusicSchema.parse(JSON.parse(row.music)),
    format: videoFormatSchema.parse(row.format),
    captions: captionModeSchema.parse(row.captions),
    thumbnail: thumbnailSettingsSchema.parse(JSON.parse(row.thumbnail)),
    draft: row.draft === null ? null : scriptDraftSchema.parse(JSON.parse(row.draft)),
    revision: row.revision,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** A whole video as its row. */
export function toVideoRow(video: Video): VideoRow {
  return {
    id: video.id,
    projectId: video.projectId,
    createdAt: video.createdAt,
    title: video.title,
    source: JSON.stringify(video.source),
    script: JSON.stringify(video.script),
    voice: JSON.stringify(video.voice),
    music: video.music === null ? null : JSON.stringify(video.music),
    format: video.format,
    captions: video.captions,
    thumbnail: JSON.stringify(video.thumbnail),
    draft: video.draft === null ? null : JSON.stringify(video.draft),
    revision: video.revision,
    updatedAt: video.updatedAt,
  };
}

/** A video's fields as columns (JSON where the column holds JSON); absent fields stay absent. */
export function videoColumns(fields: Partial<Omit<Video, 'id' | 'projectId' | 'createdAt'>>): VideoColumns {
  return {
    ...(fields.title !== undefined && { title: fields.title }),
    ...(fields.source !== undefined && { source: JSON.stringify(fields.source) }),
    ...(fields.script !== undefined && { script: JSON.stringify(fields.script) }),
    ...(fields.voice !== undefined && { voice: JSON.stringify(fields.voice) }),
    ...(fields.music !== undefined && { music: fields.music === null ? null : JSON.stringify(fields.music) }),
    ...(fields.format !== undefined && { format: fields.format }),
    ...(fields.captions !== undefined && { captions: fields.captions }),
    ...(fields.thumbnail !== undefined && { thumbnail: JSON.stringify(fields.thumbnail) }),
    ...(fields.draft !== undefined && { draft: fields.draft === null ? null : JSON.stringify(fields.draft satisfies ScriptDraft) }),
    ...(fields.revision !== undefined && { revision: fields.revision }),
    ...(fields.updatedAt !== undefined && { updatedAt: fields.updatedAt }),
  };
}

/** Storage of videos. */
export function createVideoRepo(db: Db) {
  return {
    insert(row: VideoRow): void {
      db.insert(videos).values(row).run();
    },
    find(id: string): VideoRow | undefined {
      return db.select().from(videos).where(eq(videos.id, id)).get();
    },
    /** A project's videos, newest first. */
    list(projectId: string): VideoRow[] {
      return db.select().from(videos).where(eq(videos.projectId, projectId)).orderBy(desc(videos.createdAt), desc(videos.id)).all();
    },
    update(id: string, columns: VideoColumns): void {
      db.update(videos).set(columns).where(eq(videos.id, id)).run();
    },
    delete(id: string): void {
      db.delete(videos).where(eq(videos.id, id)).run();
    },
    /** The video whose draft follows this run, if any. */
    findByDraftRun(runId: string): VideoRow | undefined {
      return db
        .select()
        .from(videos)
        .where(sql`json_extract(${videos.draft}, '$.runId') = ${runId}`)
        .get();
    },
    /** Videos whose crew draft is still running (reconciled at start-up). */
    listRunningDrafts(): VideoRow[] {
      return db
        .select()
        .from(videos)
        .where(sql`json_extract(${videos.draft}, '$.status') = 'running'`)
        .all();
    },
    /** Titles of a project's videos whose script (an image) or music uses the asset. */
    titlesUsingAsset(projectId: string, assetId: string): string[] {
      const pattern = `%"assetId":"${assetId}"%`;
      return db
        .select({ title: videos.title })
        .from(videos)
        .where(and(eq(videos.projectId, projectId), sql`(${videos.script} LIKE ${pattern} OR ${videos.music} LIKE ${pattern})`))
        .all()
        .map((row) => row.title);
    },
  };
}

export type VideoRepo = ReturnType<typeof createVideoRepo>;
