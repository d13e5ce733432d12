import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DocNode } from '../../../shared/models/document';
import type { Scene, SceneMeta } from '../../../shared/models/manuscript';
import type { AppDatabase } from '../db/connection';
import { scenes } from '../db/schema';
import type { SceneIndex } from './scene-index.repo';

type SceneRow = typeof scenes.$inferSelect;
type SceneMetaRow = Omit<SceneRow, 'content' | 'plainText'>;

/** A stored scene as the contract's, with its ordinal among its chapter's live scenes. */
export function toSceneMeta(row: SceneMetaRow, position: number): SceneMeta {
  return {
    id: row.id,
    projectId: row.projectId,
    chapterId: row.chapterId,
    title: row.title,
    synopsis: row.synopsis,
    status: row.status as SceneMeta['status'],
    pov: row.pov,
    position,
    wordCount: row.wordCount,
    revision: row.revision,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toScene(row: SceneRow, position: number): Scene {
  return { ...toSceneMeta(row, position), content: JSON.parse(row.content) as DocNode };
}

/** Every column but the text, for listings that must stay cheap on a 150,000-word manuscript. */
const metaColumns = {
  id: scenes.id,
  projectId: scenes.projectId,
  chapterId: scenes.chapterId,
  title: scenes.title,
  synopsis: scenes.synopsis,
  status: scenes.status,
  pov: scenes.pov,
  position: scenes.position,
  wordCount: scenes.wordCount,
  revision: scenes.revision,
  deletedAt: scenes.deletedAt,
  createdAt: scenes.createdAt,
  updatedAt: scenes.updatedAt,
};

export interface SceneTextUpdate {
  content: string;
  plainText: string;
  wordCount: number;
}

/** Storage of scenes. Every write that changes a title or text updates the search index too. */
export function createSceneRepo(database: AppDatabase, index: SceneIndex) {
  const { orm: db, sqlite } = database;
  // Lookups by id run several times per scene save and per synced record: prepared once (drizzle
  // builds and prepares a query anew on every call otherwise, several times the lookup itself).
  const liveById = db
    .select()
    .from(scenes)
    .where(and(eq(scenes.id, sql.placeholder('id')), isNull(scenes.deletedAt)))
    .prepare();
  const anyById = db.select().from(scenes).where(eq(scenes.id, sql.placeholder('id'))).prepare();
  const metaById = db.select(metaColumns).from(scenes).where(eq(scenes.id, sql.placeholder('id'))).prepare();
  const liveMetaOfChapter = db
    .select(metaColumns)
    .from(scenes)
    .where(and(eq(scenes.chapterId, sql.placeholder('chapterId')), isNull(scenes.deletedAt)))
    .orderBy(asc(scenes.position), asc(scenes.id))
    .prepare();
  // The autosave hot path: one statement, guarded by the revision the editor saw.
  const saveText = sqlite.prepare(
    `update scenes set content = @content, plain_text = @plainText, word_count = @wordCount,
       revision = revision + 1, updated_at = @now
     where id = @id and revision = @baseRevision and deleted_at is null`,
  );

  return {
    insert(row: typeof scenes.$inferInsert): void {
      db.insert(scenes).values(row).run();
      index.put(row.id, row.projectId, row.title, row.plainText ?? '');
    },
    findLive(id: string): SceneRow | undefined {
      return liveById.get({ id });
    },
    findAny(id: string): SceneRow | undefined {
      return anyById.get({ id });
    },
    findMeta(id: string): SceneMetaRow | undefined {
      return metaById.get({ id });
    },
    /** Live scenes of a chapter in order, without their text. */
    listLiveMeta(chapterId: string): SceneMetaRow[] {
      return liveMetaOfChapter.all({ chapterId });
    },
    /** Live scenes of a project in order, without their text. */
    listLiveMetaByProject(projectId: string): SceneMetaRow[] {
      return db
        .select(metaColumns)
        .from(scenes)
        .where(and(eq(scenes.projectId, projectId), isNull(scenes.deletedAt)))
        .orderBy(asc(scenes.chapterId), asc(scenes.position), asc(scenes.id))
        .all();
    },
    listLive(chapterId: string): SceneRow[] {
      return db
        .select()
        .from(scenes)
        .where(and(eq(scenes.chapterId, chapterId), isNull(scenes.deletedAt)))
        .orderBy(asc(scenes.position), asc(scenes.id))
        .all();
    },
    /** Stores new text if the scene is still at `baseRevision`; returns false otherwise. */
    saveText(id: string, projectId: string, title: string, baseRevision: number, text: SceneTextUpdate, now: number): boolean {
      const { changes } = saveText.run({ id, baseRevision, now, ...text });
      if (changes === 0) return false;
      index.put(id, projectId, title, text.plainText);
      return true;
    },
    /** Replaces text regardless of revision (snapshot restore), bumping the revision. */
    replaceText(row: SceneMetaRow, text: SceneTextUpdate, now: number): void {
      db.update(scenes)
        .set({ ...text, revision: row.revision + 1, updatedAt: now })
        .where(eq(scenes.id, row.id))
        .run();
      index.put(row.id, row.projectId, row.title, text.plainText);
    },
    update(row: SceneMetaRow, changes: Partial<Pick<SceneRow, 'title' | 'synopsis' | 'status' | 'pov'>>, now: number): void {
      db.update(scenes)
        .set({ ...changes, updatedAt: now })
        .where(eq(scenes.id, row.id))
        .run();
      if (changes.title !== undefined && changes.title !== row.title) {
        const full = this.findAny(row.id);
        if (full) index.put(full.id, full.projectId, full.title, full.plainText);
      }
    },
    /** Puts the scene in a chapter under a fractional key: writes this scene only. */
    place(id: string, chapterId: string, position: string): void {
      db.update(scenes).set({ chapterId, position }).where(eq(scenes.id, id)).run();
    },
    setDeleted(id: string, deletedAt: number | null): void {
      db.update(scenes).set({ deletedAt }).where(eq(scenes.id, id)).run();
    },
  };
}

export type SceneRepo = ReturnType<typeof createSceneRepo>;
