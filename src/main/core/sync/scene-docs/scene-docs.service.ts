import * as Y from 'yjs';
import { AppError, ErrorCode, notFound } from '../../../../shared/ipc/errors';
import type { DocNode } from '../../../../shared/models/document';
import { inTransaction, type AppDatabase } from '../../db/connection';
import type { EventBus } from '../../events';
import {
  measureDocument,
  type SceneRepo,
  type SceneTextSave,
  type SceneTextSaved,
  type SceneTextStore,
  type SceneTextUpdateInput,
} from '../../manuscript';
import { mathRandom, type Clock, type Random } from '../../platform/clock';
import { compactScene, DEFAULT_HISTORY, type CompactionResult, type HistoryPolicy } from './compaction';
import { applyWithRescue } from './orphan-rescue';
import { createSceneDocRepo, type SceneDocRow } from './scene-doc.repo';
import { clientsOf, createDocumentSchema, diffInto, diffOrInvalid, docFrom, encodeOrInvalid, hasPending, materialise, seedState, toProseMirror } from './yjs-text';

export interface SceneDocsDeps {
  database: AppDatabase;
  scenes: SceneRepo;
  events: EventBus;
  clock: Clock;
  /** How much update history stays uncompacted (the reach of a stale autosave's merge). */
  history?: HistoryPolicy;
  /** Compacts a scene after this many logged updates (besides the start-up pass). */
  compactEvery?: number;
  /** How many scenes' live documents stay in memory between saves. */
  cacheSize?: number;
  /** Draws the Yjs client id of each document this device builds (tests seed it, so runs repeat). */
  random?: Random;
}

/** One entry of the local update log, for an uploader. */
export interface SceneDocChange {
  seq: number;
  sceneId: string;
  update: Uint8Array;
  origin: 'local' | 'remote';
}

/** What {@link SceneDocs.applyRemoteUpdate} did. */
export interface RemoteApplied {
  /** False when the update held nothing new (or only structs still waiting for their predecessors). */
  changed: boolean;
  revision: number;
}

interface Live {
  doc: Y.Doc;
  row: SceneDocRow;
}

const MISSING = 'The scene';

/**
 * Scene text as Yjs documents (the `scene-doc` sync collection): saves become minimal updates,
 * stale saves merge on a fork at their base revision, remote updates merge and re-materialise
 * `scenes.content`. Implements the manuscript's {@link SceneTextStore}.
 */
export function createSceneDocs(deps: SceneDocsDeps) {
  const { database, scenes, events, clock } = deps;
  const history = deps.history ?? DEFAULT_HISTORY;
  const compactEvery = deps.compactEvery ?? 100;
  const cacheSize = deps.cacheSize ?? 16;
  const random = deps.random ?? mathRandom;
  /** A fresh client id per document built here: ids are never shared by two documents that diverge. */
  const clientId = () => Math.floor(random.next() * 0xffff_fffe) + 1;
  const repo = createSceneDocRepo(database);
  const schema = createDocumentSchema();
  /** Live documents by scene, least recently used first; valid while their revision matches the row's. */
  const cache = new Map<string, { doc: Y.Doc; revision: number }>();
  const appendsSinceCompaction = new Map<string, number>();

  const remember = (sceneId: string, doc: Y.Doc, revision: number) => {
    cache.delete(sceneId);
    cache.set(sceneId, { doc, revision });
    while (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
  };

  const rebuild = (row: SceneDocRow, upTo: number) => docFrom([row.base, ...repo.updatesUpTo(row.sceneId, upTo).map((u) => u.data)], clientId());

  /**
   * The scene's current document, seeded on first use (deterministically, see `seedState`) and
   * caught up when `scenes.revision` moved without it (a snapshot restore writes the column).
   * Taken out of the cache: the caller puts it back once its change is stored.
   */
  const live = (sceneId: string): Live => {
    const scene = scenes.findAny(sceneId);
    if (!scene) throw notFound(MISSING);
    const now = clock.now();
    let row = repo.find(sceneId);
    if (!row) {
      const base = Buffer.from(seedState(schema, sceneId, JSON.parse(scene.content) as DocNode));
      row = { sceneId, base, baseRevision: scene.revision, revision: scene.revision };
      repo.insert(row, now);
    }
    const cached = cache.get(sceneId);
    cache.delete(sceneId);
    const doc = cached && cached.revision === row.revision ? cached.doc : rebuild(row, Infinity);
    if (scene.revision > row.revision) {
      const update = diffInto(doc, toProseMirror(schema, JSON.parse(scene.content) as DocNode));
      if (update) append(sceneId, scene.revision, 'local', update, now);
      repo.setRevision(sceneId, scene.revision, now);
      row = { ...row, revision: scene.revision };
    }
    return { doc, row };
  };

  const append = (sceneId: string, revision: number, origin: 'local' | 'remote', update: Uint8Array, now: number) => {
    repo.append({ sceneId, revision, origin, data: update, createdAt: now });
    const count = (appendsSinceCompaction.get(sceneId) ?? 0) + 1;
    appendsSinceCompaction.set(sceneId, count);
  };

  const compactIfDue = (sceneId: string, revision: number, now: number) => {
    if ((appendsSinceCompaction.get(sceneId) ?? 0) < compactEvery) return;
    appendsSinceCompaction.set(sceneId, 0);
    compactScene(repo, sceneId, revision, history, now);
  };

  /** The document as the editor saw it at `baseRevision` (or its own view of a merged save), or null when compacted away. */
  const forkAt = (row: SceneDocRow, baseRevision: number, ownBase: boolean): Y.Doc | null => {
    if (baseRevision < row.baseRevision) return null;
    const view = ownBase ? repo.view(row.sceneId, baseRevision) : undefined;
    return view ? docFrom([view], clientId()) : rebuild(row, baseRevision);
  };

  /** Stores the merged text of `doc` as the scene's next revision. */
  const materialiseInto = (sceneId: string, current: Live, measuredInput: SceneTextSave['measured'] | null, now: number) => {
    const scene = scenes.findMeta(sceneId);
    if (!scene) throw notFound(MISSING);
    const node = materialise(schema, current.doc);
    const content = node.toJSON() as DocNode;
    const text = measuredInput ?? measureDocument(content);
    // Unguarded on purpose: a scene in the trash still takes other devices' text (restoring it
    // shows every edit), and the row's counter may trail the document's (text that reached a
    // trashed scene). The next revision is past both, so the two never drift apart.
    const at = Math.max(scene.revision, current.row.revision);
    scenes.replaceText({ ...scene, revision: at }, text, now);
    const revision = at + 1;
    repo.setRevision(sceneId, revision, now);
    return { node, content, text, revision, projectId: scene.projectId };
  };

  /**
   * Applies an update, putting back text written here that it orphaned (see orphan-rescue.ts).
   * Written here: by the clients of an editor's push (`origin` 'editor'), or of a local log entry.
   */
  const applyRescuing = (current: Live, update: Uint8Array, origin: 'editor' | 'remote') => {
    const sceneId = current.row.sceneId;
    let local: Set<number> | null = null;
    let pushed: ReadonlySet<number> = new Set();
    const history = () => [current.row.base, ...repo.updatesUpTo(sceneId, Infinity).map((u) => u.data)];
    const isLocalClient = (client: number) => {
      if (pushed.has(client) || client === current.doc.clientID) return true;
      local ??= new Set(repo.updatesUpTo(sceneId, Infinity).filter((u) => u.origin === 'local').flatMap((u) => [...clientsOf(u.data)]));
      return local.has(client);
    };
    try {
      if (origin === 'editor') pushed = clientsOf(update);
      return applyWithRescue(current.doc, update, origin, { isLocalClient, history });
    } catch (cause) {
      // Bytes that do not decode as a Yjs update: the caller's mistake, and the transaction rolls back.
      throw new AppError(ErrorCode.INVALID_INPUT, 'The scene’s changes could not be read.', { cause });
    }
  };

  const service = {
    /** The manuscript's autosave path; runs inside its transaction. Null when no merge is possible. */
    save(input: SceneTextSave): SceneTextSaved | null {
      const { scene, baseRevision, ownBase, now } = input;
      const current = live(scene.id);
      if (baseRevision > current.row.revision) return null;
      const node = toProseMirror(schema, input.content);
      const direct = baseRevision === current.row.revision && !ownBase;
      const fork = direct ? current.doc : forkAt(current.row, baseRevision, ownBase);
      if (fork === null) return null;
      const update = diffInto(fork, node);
      if (update && !direct) Y.applyUpdate(current.doc, update);
      const merged = !materialise(schema, current.doc).eq(node);
      const stored = materialiseInto(scene.id, current, merged ? null : input.measured, now);
      if (update) append(scene.id, stored.revision, 'local', update, now);
      if (merged && !direct) repo.putView(scene.id, stored.revision, Y.encodeStateAsUpdate(fork), now);
      remember(scene.id, current.doc, stored.revision);
      compactIfDue(scene.id, stored.revision, now);
      return { revision: stored.revision, text: stored.text, content: merged ? stored.content : null };
    },

    /**
     * An editor's own edits (a Yjs update made by its bound document, see the `scene.doc.*`
     * methods): merged into the scene's document and stored as its next revision, like a save.
     * Idempotent: an update already merged changes nothing and answers null. Runs inside the
     * manuscript's transaction; SCENE_TOO_LARGE (thrown by measuring) rolls it back.
     */
    applyUpdate(input: SceneTextUpdateInput): SceneTextSaved | null {
      const { scene, update, now } = input;
      const current = live(scene.id);
      const { changed, rescue } = applyRescuing(current, update, 'editor');
      if (!changed) {
        if (hasPending(current.doc)) append(scene.id, current.row.revision, 'local', update, now);
        remember(scene.id, current.doc, current.row.revision);
        return null;
      }
      const stored = materialiseInto(scene.id, current, null, now);
      append(scene.id, stored.revision, 'local', update, now);
      if (rescue) append(scene.id, stored.revision, 'local', rescue, now);
      remember(scene.id, current.doc, stored.revision);
      compactIfDue(scene.id, stored.revision, now);
      return { revision: stored.revision, text: stored.text, content: null };
    },

    /**
     * What a holder of `stateVector` lacks of the scene's document (all of it without one), and
     * the revision that is. An open editor reads it on `scene.saved`: a missed or reordered
     * event cannot lose an update, the next read brings everything since its state.
     */
    pull(sceneId: string, stateVector?: Uint8Array): { update: Uint8Array; revision: number } {
      return inTransaction(database, () => {
        const current = live(sceneId);
        remember(sceneId, current.doc, current.row.revision);
        if (!hasPending(current.doc)) return { update: encodeOrInvalid(current.doc, stateVector), revision: current.row.revision };
        const row = repo.find(sceneId) as SceneDocRow;
        const merged = Y.mergeUpdates([row.base, ...repo.updatesUpTo(sceneId, Infinity).map((u) => u.data)]);
        return { update: stateVector ? diffOrInvalid(merged, stateVector) : merged, revision: current.row.revision };
      });
    },

    /** The scene's whole document as one Yjs update: the record state of the `scene-doc` collection. */
    encodeState(sceneId: string): Uint8Array {
      return inTransaction(database, () => {
        const current = live(sceneId);
        remember(sceneId, current.doc, current.row.revision);
        if (!hasPending(current.doc)) return Y.encodeStateAsUpdate(current.doc);
        // Structs waiting for predecessors are not in the document's encoding: merge the stored updates instead.
        const row = repo.find(sceneId) as SceneDocRow;
        return Y.mergeUpdates([row.base, ...repo.updatesUpTo(sceneId, Infinity).map((u) => u.data)]);
      });
    },

    /**
     * Merges another device's update (idempotent, any order): stores it, re-materialises the
     * scene's content, plain text and word count, bumps its revision and tells open editors
     * (`scene.saved`) so a clean one reloads.
     */
    applyRemoteUpdate(sceneId: string, update: Uint8Array): RemoteApplied {
      const now = clock.now();
      const outcome = inTransaction(database, () => {
        const current = live(sceneId);
        const { changed, rescue } = applyRescuing(current, update, 'remote');
        if (!changed) {
          // Structs still waiting for their predecessors must be kept: the document's encoding would drop them.
          if (hasPending(current.doc)) append(sceneId, current.row.revision, 'remote', update, now);
          remember(sceneId, current.doc, current.row.revision);
          return { changed: false, revision: current.row.revision, event: null };
        }
        const stored = materialiseInto(sceneId, current, null, now);
        append(sceneId, stored.revision, 'remote', update, now);
        if (rescue) append(sceneId, stored.revision, 'local', rescue, now);
        remember(sceneId, current.doc, stored.revision);
        compactIfDue(sceneId, stored.revision, now);
        const event = { id: sceneId, revision: stored.revision, wordCount: stored.text.wordCount, savedAt: now, projectId: stored.projectId };
        return { changed: true, revision: stored.revision, event };
      });
      if (outcome.event) events.emit('scene.saved', outcome.event);
      return { changed: outcome.changed, revision: outcome.revision };
    },

    /** Local log entries after `cursor` (a `seq`), oldest first: what an uploader has not sent yet. */
    changesSince(cursor: number, limit = 500): SceneDocChange[] {
      return repo.since(cursor, limit).map((row) => ({ seq: row.seq, sceneId: row.sceneId, update: new Uint8Array(row.data), origin: row.origin }));
    },

    /**
     * The uploader's hook: everything up to `cursor` is safely on the server, so compaction may
     * fold it into the base. Until an uploader calls this, every local update counts as
     * acknowledged (there is nowhere else it could wait to go).
     */
    acknowledge(cursor: number): void {
      repo.setAcknowledged(cursor, clock.now());
    },

    /** Folds old, acknowledged updates of every scene into its base (see {@link HistoryPolicy}). */
    compactAll(): CompactionResult {
      const now = clock.now();
      const before = repo.sizes();
      const folded = inTransaction(database, () => {
        let count = 0;
        for (const sceneId of repo.sceneIds()) {
          const row = repo.find(sceneId);
          if (row) count += compactScene(repo, sceneId, row.revision, history, now);
          appendsSinceCompaction.set(sceneId, 0);
        }
        return count;
      });
      const after = repo.sizes();
      return { folded, bytesBefore: before.base + before.log + before.views, bytesAfter: after.base + after.log + after.views };
    },

    /** Storage figures (bytes of bases, log and views; log entries), for tests and benchmarks. */
    sizes: () => repo.sizes(),
  } satisfies SceneTextStore & Record<string, unknown>;
  return service;
}

export type SceneDocs = ReturnType<typeof createSceneDocs>;
