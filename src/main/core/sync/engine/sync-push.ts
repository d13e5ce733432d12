import { MAX_RECORDS_PER_BATCH } from '../../../../shared/cloud/records';
import { isAppError, ErrorCode } from '../../../../shared/ipc/errors';
import { mergeRecordStates, type RecordState, type SyncChanges } from '../changes';
import type { RecordSealer } from '../crypto';
import type { SceneDocs } from '../scene-docs';
import type { CloudApi } from './cloud-api';
import { SCENE_DOC, sealPayload, type OpenedRecord } from './record-codec';
import type { ServerRecordRow, SyncStore } from './sync-store';

export interface PushDeps {
  api: CloudApi;
  store: SyncStore;
  sealer: RecordSealer;
  changes: SyncChanges;
  sceneDocs: SceneDocs;
  progress: (done: number, total: number | null) => void;
  batchSize?: number;
}

export const SCENE_DOC_CURSOR = 'sceneDocCursor';

interface Outgoing {
  record: OpenedRecord;
  collection: string;
  recordId: string;
  /** Called once the server accepted it. */
  accepted: () => void;
}

/** What one push pass did; `conflicts` > 0 means pull, then push again. */
export interface PushResult {
  pushed: number;
  conflicts: number;
}

/**
 * Uploads what changed here: scene texts first (so a device that receives a new scene finds its
 * text in the same or an earlier page), then the table records, each sealed at the next version
 * and merged with the last state seen on the server (a state still waiting here for its parent is
 * not overwritten). A record is marked uploaded only once the server accepted it.
 */
export async function pushChanges(deps: PushDeps): Promise<PushResult> {
  const { store, changes, sceneDocs } = deps;
  const batchSize = Math.min(deps.batchSize ?? MAX_RECORDS_PER_BATCH, MAX_RECORDS_PER_BATCH);
  const result: PushResult = { pushed: 0, conflicts: 0 };
  const send = async (outgoing: Outgoing[]) => {
    for (let at = 0; at < outgoing.length; at += batchSize) {
      const batch = await sendBatch(deps, outgoing.slice(at, at + batchSize));
      result.pushed += batch.pushed;
      result.conflicts += batch.conflicts;
      deps.progress(result.pushed, null);
    }
  };

  // Scene texts: scenes edited here since the last acknowledged log entry, and local scenes the server has no text of.
  const docCursor = store.number(SCENE_DOC_CURSOR);
  const sceneIds = new Set<string>();
  let logEnd = docCursor;
  for (let page = sceneDocs.changesSince(docCursor, 5000); page.length > 0; page = sceneDocs.changesSince(logEnd, 5000)) {
    for (const change of page) if (change.origin === 'local') sceneIds.add(change.sceneId);
    logEnd = (page.at(-1) as { seq: number }).seq;
  }
  for (const id of store.scenesWithoutDoc()) sceneIds.add(id);
  let docsAccepted = 0;
  const docs: Outgoing[] = [];
  let held = false;
  for (const sceneId of sceneIds) {
    // A text whose remote state still waits to apply here is not pushed: this device's state lacks it.
    if (store.byRecord(SCENE_DOC, sceneId)?.pending === 1) {
      held = true;
      continue;
    }
    const update = encodeIfPresent(sceneDocs, sceneId);
    if (update === null) continue;
    docs.push({ record: { kind: 'scene-doc', sceneId, update }, collection: SCENE_DOC, recordId: sceneId, accepted: () => (docsAccepted += 1) });
  }
  await send(docs);
  if (!held && docsAccepted === docs.length && logEnd > docCursor) {
    sceneDocs.acknowledge(logEnd);
    store.set(SCENE_DOC_CURSOR, String(logEnd));
  }

  // Table records: each at most once per pass (a record changed again meanwhile goes next round).
  const sent = new Set<string>();
  for (let cursor = 0; ; ) {
    const page = changes.dirtyRecordsSince(cursor, batchSize);
    if (page.records.length === 0) break;
    cursor = page.cursor;
    const outgoing: Outgoing[] = [];
    for (const dirty of page.records) {
      const key = `${dirty.state.collection}\u0000${dirty.state.id}`;
      if (sent.has(key)) continue;
      sent.add(key);
      const row = store.byRecord(dirty.state.collection, dirty.state.id);
      const state = row?.state ? mergeRecordStates(JSON.parse(row.state.toString('utf8')) as RecordState, dirty.state) : dirty.state;
      outgoing.push({
        record: { kind: 'state', state },
        collection: state.collection,
        recordId: state.id,
        accepted: () => changes.markUploaded([{ collection: state.collection, id: state.id, seq: dirty.seq }]),
      });
    }
    await send(outgoing);
  }
  return result;
}

async function sendBatch(deps: PushDeps, outgoing: Outgoing[]): Promise<PushResult> {
  if (outgoing.length === 0) return { pushed: 0, conflicts: 0 };
  const { store, sealer } = deps;
  const planned = outgoing.map((item) => {
    const serverId = sealer.serverIdOf(item.collection, item.recordId);
    const row = store.byServerId(serverId);
    const version = (row?.version ?? 0) + 1;
    const ciphertext = sealPayload(sealer, serverId, version, item.record);
    return { item, serverId, row, version, ciphertext };
  });
  const response = await deps.api.putRecords({
    records: planned.map((p) => ({ id: p.serverId, version: p.version, ciphertext: Buffer.from(p.ciphertext).toString('base64') })),
  });
  let pushed = 0;
  let conflicts = 0;
  store.transaction(() => {
    const acks = store.unverifiedAcks();
    planned.forEach((p, index) => {
      const answer = response.results[index];
      if (answer?.status !== 'accepted' || answer.id !== p.serverId) {
        conflicts += 1;
        return;
      }
      const state = p.item.record.kind === 'state' ? Buffer.from(JSON.stringify(p.item.record.state)) : null;
      const next: ServerRecordRow = { serverId: p.serverId, collection: p.item.collection, recordId: p.item.recordId, version: p.version, ackedVersion: p.version, state, pending: 0 };
      store.put(next);
      // The feed must show this write at this seq when this device next pulls past it.
      acks.set(answer.seq, { id: p.serverId, version: p.version });
      p.item.accepted();
      pushed += 1;
    });
    store.setUnverifiedAcks(acks);
  });
  return { pushed, conflicts };
}

function encodeIfPresent(sceneDocs: SceneDocs, sceneId: string): Uint8Array | null {
  try {
    return sceneDocs.encodeState(sceneId);
  } catch (error) {
    if (isAppError(error) && error.code === ErrorCode.NOT_FOUND) return null;
    throw error;
  }
}
