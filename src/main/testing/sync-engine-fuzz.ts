import type { RecordState } from '../core/sync';
import { seededRandom } from '../core/platform/seeded-random';
import { differences, lostValues, operate, syncedContents } from './sync-convergence';
import { createSyncClient, joinAccount, setUpFirstDevice, startTestCloud, type SyncClient } from './sync-clients';
import { doc } from './test-core';

/*
 * The sync engine's seeded fuzzer (its test runs it small, bench/sync-engine.ts at 3 × 10,000):
 * clients make random changes through the router (the changes fuzzer's operations, plus scene
 * text edits, concurrent edits of one scene and offline periods) and sync through the real
 * endpoint at random. At the end all come online and sync until nothing is pending; they must
 * hold the same synced contents and scene texts, and no acknowledged edit may be lost.
 */

export interface EngineFuzzOptions {
  seed: number;
  clients: number;
  operations: number;
  /** Chance per operation that a random online client syncs. */
  syncChance?: number;
  /** Told every 500 operations how many are done and how many rounds ran (long runs show they move). */
  onProgress?(operations: number, syncs: number): void;
}

export interface EngineFuzzReport {
  syncs: number;
  failedOperations: number;
  differences: string[];
  textDifferences: string[];
  lost: string[];
  /** Text edits acknowledged by the server (through a successful round) but missing at the end. */
  lostText: string[];
  acknowledgedTexts: number;
  records: number;
}

/** Every dirty record state of a client (what its next round uploads). */
function dirtyStates(client: SyncClient): RecordState[] {
  const states: RecordState[] = [];
  for (let cursor = 0; ; ) {
    const page = client.core.services.syncChanges.dirtyRecordsSince(cursor, 1000);
    if (page.records.length === 0) return states;
    states.push(...page.records.map((record) => record.state));
    cursor = page.cursor;
  }
}

async function sceneIds(client: SyncClient): Promise<string[]> {
  const ids: string[] = [];
  for (const project of await client.call('project.list', { includeArchived: true })) {
    for (const chapter of (await client.call('outline.get', { projectId: project.id })).chapters) ids.push(...chapter.scenes.map((scene) => scene.id));
  }
  return ids.sort();
}

export async function runEngineFuzz(options: EngineFuzzOptions): Promise<EngineFuzzReport> {
  const random = seededRandom(options.seed);
  const cloud = await startTestCloud();
  const clients = Array.from({ length: options.clients }, (_, index) => createSyncClient(`Device ${index + 1}`));
  const acknowledged = new Map<string, RecordState[]>();
  /** Words written into scenes and not yet acknowledged, per client; then acknowledged ones. */
  const unsent = new Map<SyncClient, Array<{ sceneId: string; word: string }>>(clients.map((client) => [client, []]));
  const ackedWords: Array<{ sceneId: string; word: string }> = [];
  const offline = new Set<SyncClient>();
  let syncs = 0;
  let failedOperations = 0;
  let words = 0;

  const sync = async (client: SyncClient): Promise<boolean> => {
    const before = dirtyStates(client);
    const pendingWords = unsent.get(client) ?? [];
    const status = await client.call('sync.now', {});
    if (status.phase !== 'synced') throw new Error(`${client.name}: ${status.phase} ${status.problem?.message ?? ''}`);
    syncs += 1;
    for (const state of before) {
      const key = `${state.collection}\u0000${state.id}`;
      acknowledged.set(key, [...(acknowledged.get(key) ?? []), state]);
    }
    ackedWords.push(...pendingWords);
    unsent.set(client, []);
    return true;
  };

  const editText = async (client: SyncClient, sceneId: string) => {
    const scene = await client.call('scene.get', { id: sceneId });
    const word = `w${(words += 1)}x${options.seed}`;
    const paragraphs = JSON.stringify(scene.content).match(/"text":"[^"]*"/g)?.map((text) => text.slice(8, -1)) ?? [];
    await client.call('scene.save', { id: sceneId, content: doc(...paragraphs, word), baseRevision: scene.revision });
    unsent.get(client)?.push({ sceneId, word });
  };

  try {
    const [first, ...others] = clients as [SyncClient, ...SyncClient[]];
    await setUpFirstDevice(first, cloud.url, 'fuzz@example.com');
    for (const other of others) await joinAccount(other, cloud.url, 'fuzz@example.com');
    for (let op = 0; op < options.operations; op += 1) {
      const client = clients[random.int(clients.length)] as SyncClient;
      const roll = random.int(100);
      try {
        if (roll < 15) {
          const scenes = await sceneIds(client);
          const sceneId = random.pick(scenes);
          if (sceneId) {
            await editText(client, sceneId);
            // A concurrent edit of the same scene on another client (if it has it).
            const second = clients[random.int(clients.length)] as SyncClient;
            if (second !== client && (await sceneIds(second)).includes(sceneId)) await editText(second, sceneId);
          }
        } else if (roll < 18) {
          if (offline.has(client)) offline.delete(client);
          else offline.add(client);
        } else {
          await operate(client, random);
        }
      } catch {
        failedOperations += 1;
      }
      if (random.next() < (options.syncChance ?? 0.15)) {
        const syncing = clients[random.int(clients.length)] as SyncClient;
        if (!offline.has(syncing)) await sync(syncing);
      }
      if ((op + 1) % 500 === 0) options.onProgress?.(op + 1, syncs);
    }
    // Everyone comes online and syncs until nothing is pending anywhere.
    for (let round = 0; round < 8; round += 1) {
      for (const client of clients) await sync(client);
      const statuses = await Promise.all(clients.map((client) => client.call('sync.status', {})));
      if (round >= 1 && statuses.every((status) => status.pendingChanges === 0)) break;
    }
    const contents = clients.map(syncedContents);
    const texts = await Promise.all(
      clients.map(async (client) => {
        const ids = await sceneIds(client);
        return Promise.all(ids.map(async (id) => `${id}:${JSON.stringify((await client.call('scene.get', { id })).content)}`));
      }),
    );
    const finalText = new Map((texts[0] ?? []).map((entry) => [entry.slice(0, entry.indexOf(':')), entry]));
    return {
      syncs,
      failedOperations,
      differences: differences(contents),
      textDifferences: texts.slice(1).flatMap((other, index) => other.filter((entry) => !(texts[0] ?? []).includes(entry)).map((entry) => `device ${index + 2}: ${entry.slice(0, 120)}`)),
      lost: lostValues((collection, id) => first.core.services.syncChanges.recordState(collection, id), acknowledged),
      lostText: ackedWords.filter((edit) => finalText.has(edit.sceneId) && !finalText.get(edit.sceneId)?.includes(edit.word)).map((edit) => `${edit.sceneId}: ${edit.word}`),
      acknowledgedTexts: ackedWords.length,
      records: contents[0] ? Object.values(contents[0]).flat().length : 0,
    };
  } finally {
    for (const client of clients) client.dispose();
    await cloud.dispose();
  }
}
