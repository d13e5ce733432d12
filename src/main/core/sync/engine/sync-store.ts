import type { AppDatabase } from '../../db/connection';

/** A record as this device knows it on the server. */
export interface ServerRecordRow {
  serverId: string;
  collection: string;
  recordId: string;
  version: number;
  ackedVersion: number;
  state: Buffer | null;
  pending: number;
}

/** The engine's durable state: small keyed values and the server-record map (one connection, synchronous). */
export function createSyncStore(database: AppDatabase) {
  const db = database.sqlite;
  const getValue = db.prepare<[string], { value: string }>('SELECT value FROM sync_engine_state WHERE key = ?');
  const setValue = db.prepare('INSERT INTO sync_engine_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const deleteValue = db.prepare('DELETE FROM sync_engine_state WHERE key = ?');
  const columns = 'server_id AS serverId, collection, record_id AS recordId, version, acked_version AS ackedVersion, state, pending';
  const byServerId = db.prepare<[string], ServerRecordRow>(`SELECT ${columns} FROM sync_server_records WHERE server_id = ?`);
  const byRecord = db.prepare<[string, string], ServerRecordRow>(`SELECT ${columns} FROM sync_server_records WHERE collection = ? AND record_id = ?`);
  const pendingRows = db.prepare<[], ServerRecordRow>(`SELECT ${columns} FROM sync_server_records WHERE pending = 1`);
  const upsert = db.prepare(
    `INSERT INTO sync_server_records (server_id, collection, record_id, version, acked_version, state, pending)
     VALUES (@serverId, @collection, @recordId, @version, @ackedVersion, @state, @pending)
     ON CONFLICT(server_id) DO UPDATE SET version = excluded.version, acked_version = excluded.acked_version, state = excluded.state, pending = excluded.pending`,
  );
  const ackedRows = db.prepare<[], { serverId: string; ackedVersion: number }>('SELECT server_id AS serverId, acked_version AS ackedVersion FROM sync_server_records WHERE acked_version > 0');
  const localScenesUnknown = db.prepare<[], { id: string }>(
    `SELECT s.id FROM scenes s WHERE NOT EXISTS (SELECT 1 FROM sync_server_records r WHERE r.collection = 'scene-doc' AND r.record_id = s.id)
       AND NOT EXISTS (SELECT 1 FROM sync_server_records r WHERE r.collection = 'scenes' AND r.record_id = s.id AND r.acked_version = 0)`,
  );

  const pendingCount = db.prepare<[number], { n: number }>(
    `SELECT (SELECT count(*) FROM sync_records WHERE change_seq > uploaded_seq)
          + (SELECT count(DISTINCT scene_id) FROM scene_doc_updates WHERE seq > ? AND origin = 'local') AS n`,
  );

  return {
    /** Records changed here and not on the server yet (table records, and scenes whose text changed). */
    pendingChanges: (sceneDocCursor: number) => pendingCount.get(sceneDocCursor)?.n ?? 0,
    get(key: string): string | null {
      return getValue.get(key)?.value ?? null;
    },
    set(key: string, value: string): void {
      setValue.run(key, value);
    },
    delete(key: string): void {
      deleteValue.run(key);
    },
    number(key: string): number {
      return Number(getValue.get(key)?.value ?? 0);
    },
    byServerId: (serverId: string) => byServerId.get(serverId) ?? null,
    byRecord: (collection: string, recordId: string) => byRecord.get(collection, recordId) ?? null,
    pending: () => pendingRows.all(),
    put(row: ServerRecordRow): void {
      upsert.run(row);
    },
    acked: () => ackedRows.all(),
    /**
     * Scenes whose text this device must upload though it has no local edit of it: scenes with
     * no scene-doc on the server that did not come from the server (made here, imported, or
     * there before sync was set up). A scene that came from another device waits for that
     * device's document instead (both seeding one would fork the same Yjs client id).
     */
    scenesWithoutDoc: () => localScenesUnknown.all().map((row) => row.id),
    transaction<T>(work: () => T): T {
      return db.transaction(work)();
    },
    /** Uploads the server accepted and this device has not yet seen in the feed: seq → (server id, version). */
    unverifiedAcks(): Map<number, { id: string; version: number }> {
      const raw = getValue.get('acks')?.value;
      const list = raw ? (JSON.parse(raw) as Array<[number, string, number]>) : [];
      return new Map(list.map(([seq, id, version]) => [seq, { id, version }]));
    },
    setUnverifiedAcks(acks: Map<number, { id: string; version: number }>): void {
      setValue.run('acks', JSON.stringify([...acks].map(([seq, ack]) => [seq, ack.id, ack.version])));
    },
    /** Forgets everything about the server (sign-out, another account). */
    reset(): void {
      db.exec('DELETE FROM sync_server_records; DELETE FROM sync_engine_state;');
    },
  };
}

export type SyncStore = ReturnType<typeof createSyncStore>;
