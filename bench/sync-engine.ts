/**
 * The sync engine through the real endpoint (SQLite + folder storage, on 127.0.0.1): the first
 * sync of a 150,000-word project of ~10,000 records (upload by one device, download by another;
 * bytes sent against the plaintext), the latency of syncing one edit from one device to another
 * (p50/p95), and the seeded 3-client fuzzer at the size (3 × 10,000 operations;
 * `SYNC_ENGINE_FUZZ_OPS` changes it; `SYNC_ENGINE_PARTS=first` or `=fuzz` runs one part).
 */
import { createSyncClient, drainJobs, joinAccount, setUpFirstDevice, startTestCloud, type SyncClient } from '../src/main/testing/sync-clients';
import { runEngineFuzz } from '../src/main/testing/sync-engine-fuzz';
import { doc } from '../src/main/testing/test-core';
import { generateScene, seededRandom } from './manuscript-generator';
import { percentile, processCpuMs } from './stats';

const CHAPTERS = 30;
const SCENES_PER_CHAPTER = 50;
const WORDS_PER_SCENE = 100;
const CODEX = 2_000;
const CHATS = 100;
const MESSAGES_PER_CHAT = 40;
const EDITS = 50;

/** Counts the bytes of every request body a client sends. */
function countingFetch(): { fetch: typeof fetch; sent: () => number } {
  let sent = 0;
  return {
    sent: () => sent,
    fetch: (input, init) => {
      if (typeof init?.body === 'string') sent += Buffer.byteLength(init.body);
      return fetch(input, init);
    },
  };
}

async function writeBook(client: SyncClient): Promise<{ sceneIds: string[]; words: number }> {
  const random = seededRandom(42);
  const project = await client.call('project.create', { title: 'Benchmark book' });
  const sceneIds: string[] = [];
  let words = 0;
  for (let c = 0; c < CHAPTERS; c += 1) {
    const chapter = await client.call('chapter.create', { projectId: project.id, title: `Chapter ${c + 1}` });
    for (let s = 0; s < SCENES_PER_CHAPTER; s += 1) {
      const scene = await client.call('scene.create', { chapterId: chapter.id, title: `Scene ${s + 1}` });
      const saved = await client.call('scene.save', { id: scene.id, content: generateScene(random, WORDS_PER_SCENE), baseRevision: scene.revision });
      words += saved.wordCount;
      sceneIds.push(scene.id);
    }
  }
  for (let i = 0; i < CODEX; i += 1) await client.call('codex.create', { projectId: project.id, kind: 'character', name: `Person ${i}`, description: `Someone who matters in chapter ${i % CHAPTERS}.` });
  const insert = client.database.sqlite.prepare("INSERT INTO chat_messages (id, session_id, sort_key, role, content, status, created_at) VALUES (?, ?, ?, 'user', ?, 'complete', ?)");
  for (let i = 0; i < CHATS; i += 1) {
    const session = await client.call('chat.create', { projectId: project.id, title: `Chat ${i}` });
    client.database.sqlite.transaction(() => {
      for (let m = 0; m < MESSAGES_PER_CHAT; m += 1) insert.run(`${session.id}-${m}`, session.id, `${String(m).padStart(15, '0')}-000000-bench`, `What if scene ${m} went the other way?`, Date.now());
    })();
  }
  return { sceneIds, words };
}

/** The plaintext a first sync must carry: every dirty record's state as JSON, and every scene's Yjs state. */
function plaintextBytes(client: SyncClient, sceneIds: readonly string[]): { bytes: number; records: number } {
  let bytes = 0;
  let records = 0;
  for (let cursor = 0; ; ) {
    const page = client.core.services.syncChanges.dirtyRecordsSince(cursor, 1000);
    if (page.records.length === 0) break;
    for (const record of page.records) bytes += Buffer.byteLength(JSON.stringify(record.state));
    records += page.records.length;
    cursor = page.cursor;
  }
  for (const id of sceneIds) bytes += client.core.services.sceneDocs.encodeState(id).byteLength;
  return { bytes, records: records + sceneIds.length };
}

async function initialAndIncremental(): Promise<void> {
  const cloud = await startTestCloud();
  const counter = countingFetch();
  const a = createSyncClient('A', { sync: { fetch: counter.fetch } });
  const b = createSyncClient('B');
  try {
    await setUpFirstDevice(a, cloud.url, 'bench@example.com');
    const book = await writeBook(a);
    const plain = plaintextBytes(a, book.sceneIds);
    // Both devices share this process: A's background work for the book it just wrote (summaries,
    // memory index, continuity) would otherwise be timed as B's sync.
    await drainJobs(a);
    const before = counter.sent();
    let start = performance.now();
    await a.call('sync.now', {});
    const uploadMs = performance.now() - start;
    const sent = counter.sent() - before;
    await joinAccount(b, cloud.url, 'bench@example.com');
    start = performance.now();
    await b.call('sync.now', {});
    const downloadMs = performance.now() - start;
    start = performance.now();
    const cpuBefore = processCpuMs();
    await drainJobs(b);
    const catchUpMs = performance.now() - start;
    const catchUpCpuMs = processCpuMs(cpuBefore);
    console.log(`\nSync engine, first sync of ${book.words.toLocaleString('en')} words in ${plain.records.toLocaleString('en')} records (SQLite endpoint, loopback)`);
    console.log(`upload (device A): ${(uploadMs / 1000).toFixed(1)} s; download and apply (device B): ${(downloadMs / 1000).toFixed(1)} s`);
    // Wall time here is mostly waiting: a scene's summary starts only once the scene has been
    // idle for two minutes (a debounce, so typing does not summarise); the CPU time is the work.
    console.log(`then B's background work for the arrived book (memory index, summaries, continuity): ${(catchUpMs / 1000).toFixed(1)} s wall, ${(catchUpCpuMs / 1000).toFixed(1)} s CPU (summaries wait for scenes to be idle 2 min)`);
    console.log(`bytes sent ${(sent / 1e6).toFixed(1)} MB for ${(plain.bytes / 1e6).toFixed(1)} MB of plaintext (${(sent / plain.bytes).toFixed(2)}×: padding, nonce and tag, base64, JSON)`);

    const latencies: number[] = [];
    for (let i = 0; i < EDITS; i += 1) {
      const sceneId = book.sceneIds[(i * 37) % book.sceneIds.length] as string;
      const scene = await a.call('scene.get', { id: sceneId });
      await a.call('scene.save', { id: sceneId, content: doc(`Edit ${i}.`, 'The rest of the scene.'), baseRevision: scene.revision });
      const editStart = performance.now();
      await a.call('sync.now', {});
      await b.call('sync.now', {});
      latencies.push(performance.now() - editStart);
      // Each edit starts on quiet devices: the jobs an edit starts are not sync's latency.
      await drainJobs(a, { debounced: false });
      await drainJobs(b, { debounced: false });
    }
    console.log(`one edit from A to B (A's round + B's round): p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms over ${EDITS} edits`);
  } finally {
    a.dispose();
    b.dispose();
    await cloud.dispose();
  }
}

async function fuzz(): Promise<void> {
  const operations = Number(process.env.SYNC_ENGINE_FUZZ_OPS ?? 10_000);
  const start = performance.now();
  const report = await runEngineFuzz({
    seed: 101,
    clients: 3,
    operations,
    onProgress: (done, syncs) => console.log(`  fuzz: ${done.toLocaleString('en')} operations, ${syncs} rounds, ${((performance.now() - start) / 1000).toFixed(0)} s`),
  });
  const ok = report.differences.length === 0 && report.textDifferences.length === 0 && report.lost.length === 0 && report.lostText.length === 0;
  console.log(
    `fuzz 3 clients × ${operations.toLocaleString('en')} operations: ${ok ? 'converged, nothing lost' : 'FAILED'} (${report.syncs} rounds, ${report.records} rows, ${report.acknowledgedTexts} acknowledged text edits) in ${((performance.now() - start) / 1000).toFixed(0)} s`,
  );
  if (!ok) {
    console.log(JSON.stringify({ differences: report.differences.slice(0, 5), textDifferences: report.textDifferences.slice(0, 5), lost: report.lost.slice(0, 5), lostText: report.lostText.slice(0, 5) }, null, 2));
    process.exitCode = 1;
  }
}

// SYNC_ENGINE_PARTS=first,fuzz picks parts (both by default): the fuzzer at full size runs long.
const parts = new Set((process.env.SYNC_ENGINE_PARTS ?? 'first,fuzz').split(','));
if (parts.has('first')) await initialAndIncremental();
if (parts.has('fuzz')) await fuzz();
