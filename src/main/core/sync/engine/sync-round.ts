import type { SyncChanges } from '../changes';
import type { RecordSealer } from '../crypto';
import type { SceneDocs } from '../scene-docs';
import type { CloudApi } from './cloud-api';
import { CURSOR, pullFeed } from './sync-pull';
import { pushChanges } from './sync-push';
import type { SyncStore } from './sync-store';

export interface RoundDeps {
  api: CloudApi;
  store: SyncStore;
  sealer: RecordSealer;
  changes: SyncChanges;
  sceneDocs: SceneDocs;
  beforeApply: () => Promise<void>;
  onPull: (done: number, total: number | null) => void;
  onPush: (done: number, total: number | null) => void;
  /** Records per upload request. */
  batchSize?: number;
  /** Pull → push passes when pushes keep losing compare-and-swaps to other devices. Default 5. */
  maxPasses?: number;
}

/** What a round did. */
export interface RoundResult {
  pulled: number;
  pushed: number;
  /** Records still waiting after the last pass (they lost every compare-and-swap; the next round tries again). */
  conflicts: number;
}

/**
 * One sync round: pull (verify, open, merge), push; a push that lost compare-and-swaps pulls
 * what won, merges it into the local state and pushes again. Finally the server learns how far
 * this device has applied the feed.
 */
export async function runRound(deps: RoundDeps): Promise<RoundResult> {
  const pullDeps = { ...deps, progress: deps.onPull };
  const pushDeps = { ...deps, progress: deps.onPush };
  const result: RoundResult = { pulled: await pullFeed(pullDeps), pushed: 0, conflicts: 0 };
  for (let pass = 0; pass < (deps.maxPasses ?? 5); pass += 1) {
    const pushed = await pushChanges(pushDeps);
    result.pushed += pushed.pushed;
    result.conflicts = pushed.conflicts;
    if (pushed.conflicts === 0) break;
    result.pulled += await pullFeed(pullDeps);
  }
  await deps.api.putCursor(deps.store.number(CURSOR));
  return result;
}
