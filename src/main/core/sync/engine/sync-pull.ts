import { chainPreimage, GENESIS_HASH, type FeedEntry } from '../../../../shared/cloud/records';
import { isAppError, ErrorCode } from '../../../../shared/ipc/errors';
import type { RecordState, SyncChanges } from '../changes';
import type { RecordSealer } from '../crypto';
import type { SceneDocs } from '../scene-docs';
import type { CloudApi } from './cloud-api';
import { openPayload, sha256Hex, tampered, type OpenedRecord } from './record-codec';
import type { ServerRecordRow, SyncStore } from './sync-store';

export interface PullDeps {
  api: CloudApi;
  store: SyncStore;
  sealer: RecordSealer;
  changes: SyncChanges;
  sceneDocs: SceneDocs;
  /** Called once before the first change from another device is applied (the local snapshot). */
  beforeApply: () => Promise<void>;
  progress: (done: number, total: number | null) => void;
  pageSize?: number;
}

export const CURSOR = 'cursor';
export const HEAD = 'head';

/**
 * Checks a feed page against the chain this device trusts and the versions it knows, before
 * anything is opened or applied: the chain recomputed from the trusted head (reordered,
 * dropped, inserted or replayed entries break it), the head never going back, each ciphertext
 * hashing to its entry, and every record's versions only going up (an acknowledged upload never
 * comes back older).
 */
function verifyPage(
  entries: readonly FeedEntry[],
  from: { seq: number; hash: string },
  head: { seq: number; hash: string },
  known: (id: string) => ServerRecordRow | null,
  acks: Map<number, { id: string; version: number }>,
) {
  const floor = Math.max(from.seq, ...acks.keys());
  if (head.seq < floor) throw tampered(`the server's history went back in time (it had ${floor} changes, now says ${head.seq})`);
  if (head.seq === from.seq && head.hash !== from.hash) throw tampered('the server rewrote history this device already verified');
  if (entries.length === 0 && head.seq > from.seq) throw tampered(`the server says it has ${head.seq - from.seq} more changes but sent none`);
  let previous = from;
  const seen = new Map<string, number>();
  for (const entry of entries) {
    // The feed numbers an account's changes 1, 2, 3…: a gap is a change withheld, a step back a reordering.
    if (entry.seq !== previous.seq + 1) {
      const reordered = entry.seq < previous.seq || entries.some((other) => other.seq === previous.seq + 1);
      throw tampered(reordered ? 'the server sent its changes out of order' : `the server withheld change ${previous.seq + 1}`);
    }
    const expected = sha256Hex(chainPreimage(previous.hash, entry.seq, entry.id, entry.version, entry.ciphertextHash));
    if (expected !== entry.chainHash) throw tampered(`the server's history does not chain at change ${entry.seq} (changes reordered, dropped or replayed)`);
    if (entry.ciphertext !== null && sha256Hex(Buffer.from(entry.ciphertext, 'base64')) !== entry.ciphertextHash) {
      throw tampered(`the bytes of change ${entry.seq} are not the bytes the server's history names`);
    }
    const row = known(entry.id);
    const last = seen.get(entry.id) ?? row?.version ?? 0;
    const ownUpload = row !== null && !seen.has(entry.id) && entry.version === row.version && row.ackedVersion === entry.version;
    if (entry.version <= last && !ownUpload) {
      const acked = row !== null && row.ackedVersion > entry.version;
      throw tampered(acked ? 'a record this device uploaded came back at an older version' : `the server replayed an old version of a record (change ${entry.seq})`);
    }
    const ack = acks.get(entry.seq);
    if (ack && (ack.id !== entry.id || ack.version !== entry.version)) throw tampered('a record this device uploaded is not where the server said it stored it');
    seen.set(entry.id, entry.version);
    previous = { seq: entry.seq, hash: entry.chainHash };
  }
  for (const [seq, ack] of acks) {
    if (seq <= previous.seq && !entries.some((entry) => entry.seq === seq && entry.id === ack.id)) {
      throw tampered('a record this device uploaded and the server acknowledged is missing from its history');
    }
  }
  if (previous.seq === head.seq && previous.hash !== head.hash) throw tampered('the server’s head does not match its own history');
  if (previous.seq > head.seq) throw tampered('the server sent changes past its own head');
}

/** Pulls the feed after this device's cursor, verified, opened and merged; returns how many records were applied. */
export async function pullFeed(deps: PullDeps): Promise<number> {
  const { api, store, sealer, changes, sceneDocs } = deps;
  const pageSize = deps.pageSize ?? 500;
  let applied = 0;
  let snapshotTaken = false;
  for (;;) {
    const from = { seq: store.number(CURSOR), hash: store.get(HEAD) ?? GENESIS_HASH };
    const page = await api.feed(from.seq, pageSize);
    const acks = store.unverifiedAcks();
    verifyPage(page.entries, from, page.head, (id) => store.byServerId(id), acks);
    if (page.entries.length === 0) break;
    const rows: ServerRecordRow[] = [];
    const states: RecordState[] = [];
    const docs: Array<{ row: ServerRecordRow; sceneId: string; update: Uint8Array }> = [];
    for (const entry of page.entries) {
      const row = store.byServerId(entry.id);
      if (entry.ciphertext === null) continue;
      if (row && row.ackedVersion === entry.version) continue; // this device's own upload
      const opened: OpenedRecord = openPayload(sealer, entry.id, entry.version, Buffer.from(entry.ciphertext, 'base64'));
      if (opened.kind === 'state') {
        states.push(opened.state);
        const next = { serverId: entry.id, collection: opened.state.collection, recordId: opened.state.id, version: entry.version, ackedVersion: row?.ackedVersion ?? 0, state: Buffer.from(JSON.stringify(opened.state)), pending: 0 };
        rows.push(next);
      } else {
        const next = { serverId: entry.id, collection: 'scene-doc', recordId: opened.sceneId, version: entry.version, ackedVersion: row?.ackedVersion ?? 0, state: null, pending: 0 };
        docs.push({ row: next, sceneId: opened.sceneId, update: opened.update });
        rows.push(next);
      }
    }
    if ((states.length > 0 || docs.length > 0) && !snapshotTaken) {
      snapshotTaken = true;
      await deps.beforeApply();
    }
    const last = page.entries.at(-1) as FeedEntry;
    // One transaction a page: the page's records, texts and the work they queue (index, summaries,
    // checks) commit with one flush instead of one per write (synchronous=FULL: ~1.5 ms each here,
    // most of a first sync's time). The cursor and the trusted head move with them: a crash
    // before the commit repeats the page, and applying a page twice changes nothing.
    store.transaction(() => {
      if (states.length > 0) changes.applyRemoteStates(states);
      for (const doc of docs) {
        if (!applySceneDoc(sceneDocs, doc.sceneId, doc.update)) {
          doc.row.pending = 1;
          doc.row.state = Buffer.from(doc.update);
        }
      }
      // Texts waiting for their scene apply once it exists (it may come with this page, or be unparked by its chapter).
      if (states.length > 0) retryPending(store, sceneDocs);
      for (const row of rows) store.put(row);
      store.set(CURSOR, String(last.seq));
      store.set(HEAD, last.chainHash);
      for (const seq of acks.keys()) if (seq <= last.seq) acks.delete(seq);
      store.setUnverifiedAcks(acks);
    });
    applied += states.length + docs.length;
    deps.progress(last.seq, page.head.seq);
    if (last.seq >= page.head.seq) break;
  }
  return applied;
}

/** Applies a scene's remote text; false when its scene has not arrived yet (kept until it does). */
function applySceneDoc(sceneDocs: SceneDocs, sceneId: string, update: Uint8Array): boolean {
  try {
    sceneDocs.applyRemoteUpdate(sceneId, update);
    return true;
  } catch (error) {
    if (isAppError(error) && error.code === ErrorCode.NOT_FOUND) return false;
    throw error;
  }
}

function retryPending(store: SyncStore, sceneDocs: SceneDocs): void {
  for (const row of store.pending()) {
    if (row.state && applySceneDoc(sceneDocs, row.recordId, row.state)) store.put({ ...row, state: null, pending: 0 });
  }
}
