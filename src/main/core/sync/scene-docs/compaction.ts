import * as Y from 'yjs';
import type { SceneDocRepo } from './scene-doc.repo';
import { docFrom, hasPending } from './yjs-text';

/**
 * How much update history a scene keeps beside its base. A stale autosave merges on a fork of
 * the document at its base revision, which needs the updates after that revision: an update is
 * folded into the base only once it is BOTH more than `keepRevisions` revisions behind the
 * scene AND older than `keepMs`, and acknowledged by the uploader. A save based on an older
 * revision than the base answers CONFLICT (the editor keeps the writer's text and asks).
 */
export interface HistoryPolicy {
  keepRevisions: number;
  keepMs: number;
}

/**
 * 200 revisions and 7 days: an autosave every pause in typing makes a few hundred revisions in a
 * day of writing, and a crash-journal copy or a laptop closed mid-save comes back within days.
 * Updates are a few dozen bytes each, so that is tens of kilobytes per busy scene.
 */
export const DEFAULT_HISTORY: HistoryPolicy = { keepRevisions: 200, keepMs: 7 * 24 * 60 * 60 * 1000 };

/** What a compaction pass did, with the stored bytes (bases, logs, views) before and after. */
export interface CompactionResult {
  folded: number;
  bytesBefore: number;
  bytesAfter: number;
}

/**
 * Folds the scene's oldest updates that the policy lets go into its base, re-encoded through a
 * document (deleted text is garbage-collected) — or merged as updates when some structs still
 * wait for predecessors, so nothing is dropped. Views of merges at or before the new base go too.
 * Returns how many updates were folded.
 */
export function compactScene(repo: SceneDocRepo, sceneId: string, revision: number, policy: HistoryPolicy, now: number): number {
  const row = repo.find(sceneId);
  if (!row) return 0;
  const acknowledged = repo.acknowledged() ?? Number.POSITIVE_INFINITY;
  const log = repo.updatesUpTo(sceneId, Infinity);
  let count = 0;
  for (const entry of log) {
    const old = entry.revision <= revision - policy.keepRevisions && entry.createdAt <= now - policy.keepMs;
    if (!old || entry.seq > acknowledged) break;
    count += 1;
  }
  const folded = log.slice(0, count);
  const last = folded.at(-1);
  if (!last) return 0;
  const updates = [row.base, ...folded.map((entry) => entry.data)];
  const doc = docFrom(updates);
  const base = hasPending(doc) ? Y.mergeUpdates(updates) : Y.encodeStateAsUpdate(doc);
  repo.setBase(sceneId, base, last.revision, now);
  repo.dropUpTo(sceneId, last.seq);
  repo.dropViewsUpTo(sceneId, last.revision);
  return count;
}
