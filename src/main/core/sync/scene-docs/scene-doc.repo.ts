import { getTableName } from 'drizzle-orm';
import type { AppDatabase } from '../../db/connection';
import { settings } from '../../db/schema';

/** The key → value table the acknowledged cursor is kept in (local: only its `prefs` row syncs). */
const KEY_VALUE_TABLE = getTableName(settings);

/** A scene's document row: the compacted base and the revision it materialised to. */
export interface SceneDocRow {
  sceneId: string;
  base: Buffer;
  baseRevision: number;
  revision: number;
}

/** One entry of the update log. */
export interface SceneDocUpdateRow {
  seq: number;
  sceneId: string;
  revision: number;
  origin: 'local' | 'remote';
  data: Buffer;
  createdAt: number;
}

/** The settings row holding the log cursor an uploader acknowledged (see `acknowledge`). */
const ACK_KEY = 'sync.sceneDocs.acknowledgedSeq';

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Storage of scene documents: raw prepared statements, all run inside the callers' transactions. */
export function createSceneDocRepo(database: AppDatabase) {
  const { sqlite } = database;
  const statements = {
    find: sqlite.prepare('select scene_id as sceneId, base, base_revision as baseRevision, revision from scene_docs where scene_id = ?'),
    insert: sqlite.prepare(
      'insert into scene_docs (scene_id, base, base_revision, revision, created_at, updated_at) values (@sceneId, @base, @baseRevision, @revision, @now, @now)',
    ),
    setRevision: sqlite.prepare('update scene_docs set revision = @revision, updated_at = @now where scene_id = @sceneId'),
    setBase: sqlite.prepare('update scene_docs set base = @base, base_revision = @baseRevision, updated_at = @now where scene_id = @sceneId'),
    updates: sqlite.prepare(
      'select seq, scene_id as sceneId, revision, origin, data, created_at as createdAt from scene_doc_updates where scene_id = ? and revision <= ? order by seq',
    ),
    append: sqlite.prepare(
      'insert into scene_doc_updates (scene_id, revision, origin, data, created_at) values (@sceneId, @revision, @origin, @data, @createdAt)',
    ),
    since: sqlite.prepare(
      'select seq, scene_id as sceneId, revision, origin, data, created_at as createdAt from scene_doc_updates where seq > ? order by seq limit ?',
    ),
    dropUpTo: sqlite.prepare('delete from scene_doc_updates where scene_id = ? and seq <= ?'),
    view: sqlite.prepare('select state from scene_doc_views where scene_id = ? and revision = ?'),
    putView: sqlite.prepare('insert or replace into scene_doc_views (scene_id, revision, state, created_at) values (?, ?, ?, ?)'),
    dropViews: sqlite.prepare('delete from scene_doc_views where scene_id = ? and revision <= ?'),
    docs: sqlite.prepare('select scene_id as sceneId from scene_docs order by scene_id'),
    ack: sqlite.prepare(`select value from ${KEY_VALUE_TABLE} where key = ?`),
    setAck: sqlite.prepare(
      `insert into ${KEY_VALUE_TABLE} (key, value, updated_at) values (?, ?, ?) on conflict(key) do update set value = excluded.value, updated_at = excluded.updated_at`,
    ),
    sizes: sqlite.prepare(
      `select coalesce((select sum(length(base)) from scene_docs), 0) as base,
              coalesce((select sum(length(data)) from scene_doc_updates), 0) as log,
              coalesce((select sum(length(state)) from scene_doc_views), 0) as views,
              (select count(*) from scene_doc_updates) as updates`,
    ),
  };

  return {
    find: (sceneId: string) => statements.find.get(sceneId) as SceneDocRow | undefined,
    insert(row: SceneDocRow, now: number): void {
      statements.insert.run({ ...row, now });
    },
    setRevision(sceneId: string, revision: number, now: number): void {
      statements.setRevision.run({ sceneId, revision, now });
    },
    setBase(sceneId: string, base: Uint8Array, baseRevision: number, now: number): void {
      statements.setBase.run({ sceneId, base: asBuffer(base), baseRevision, now });
    },
    /** The log of a scene up to `revision` (all of it with Infinity), in local order. */
    updatesUpTo: (sceneId: string, revision: number) =>
      statements.updates.all(sceneId, Number.isFinite(revision) ? revision : Number.MAX_SAFE_INTEGER) as SceneDocUpdateRow[],
    append(entry: Omit<SceneDocUpdateRow, 'seq' | 'data'> & { data: Uint8Array }): number {
      return Number(statements.append.run({ ...entry, data: asBuffer(entry.data) }).lastInsertRowid);
    },
    since: (cursor: number, limit: number) => statements.since.all(cursor, limit) as SceneDocUpdateRow[],
    dropUpTo(sceneId: string, seq: number): void {
      statements.dropUpTo.run(sceneId, seq);
    },
    view: (sceneId: string, revision: number) => (statements.view.get(sceneId, revision) as { state: Buffer } | undefined)?.state,
    putView(sceneId: string, revision: number, state: Uint8Array, now: number): void {
      statements.putView.run(sceneId, revision, asBuffer(state), now);
    },
    dropViewsUpTo(sceneId: string, revision: number): void {
      statements.dropViews.run(sceneId, revision);
    },
    sceneIds: () => (statements.docs.all() as Array<{ sceneId: string }>).map((row) => row.sceneId),
    /** The acknowledged cursor, or null when no uploader ever acknowledged. */
    acknowledged(): number | null {
      const row = statements.ack.get(ACK_KEY) as { value: string } | undefined;
      return row ? Number(row.value) : null;
    },
    setAcknowledged(seq: number, now: number): void {
      statements.setAck.run(ACK_KEY, String(seq), now);
    },
    sizes: () => statements.sizes.get() as { base: number; log: number; views: number; updates: number },
  };
}

export type SceneDocRepo = ReturnType<typeof createSceneDocRepo>;
