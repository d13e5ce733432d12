/**
 * Scene text as Yjs documents: the size of a 5,000-word scene as one update (raw and gzipped),
 * what an autosave costs through the scene documents against the plain column write, merging
 * 1,000 one-character updates (Y.mergeUpdates, and one by one through the real remote path),
 * compaction of a long typing session, and a bigger seeded fuzz than `npm test` runs.
 */
import { gzipSync } from 'node:zlib';
import * as Y from 'yjs';
import { createManuscriptService } from '../src/main/core/manuscript';
import { createDocumentSchema, createSceneDocs, DEFAULT_HISTORY, FRAGMENT_NAME, seedState } from '../src/main/core/sync';
import { createFixture } from '../src/main/core/testing/domain-fixture';
import { createWritingSessionService } from '../src/main/core/stats';
import { runSceneDocFuzz } from '../src/main/testing/scene-doc-fuzz';
import type { DocNode } from '../src/shared/models/document';
import { percentile } from './stats';

/** Word `i` of a generated text: 2–9 letters drawn from a hash of `i`, so it compresses like prose rather than a loop. */
function word(i: number): string {
  let h = (i + 1) * 2654435761;
  let out = '';
  const length = 2 + (h >>> 29);
  for (let k = 0; k < length; k += 1) {
    h = Math.imul(h ^ (h >>> 13), 1274126177) >>> 0;
    out += 'etaoinshrdlucmfwypvbgkqjxz'[Math.min(25, Math.floor(((h % 1000) / 1000) ** 2 * 26))];
  }
  return out;
}

/** `count` words in paragraphs of about 100. */
function scene(count: number): DocNode {
  const paragraphs: DocNode[] = [];
  for (let start = 0; start < count; start += 100) {
    const text = Array.from({ length: Math.min(100, count - start) }, (_, i) => word(start + i)).join(' ');
    paragraphs.push({ type: 'paragraph', content: [{ type: 'text', text: `${text}.` }] });
  }
  return { type: 'doc', content: paragraphs };
}

/** The document with `extra` words appended to its last paragraph: what an autosave sends after a burst of typing. */
function typed(base: DocNode, extra: number): DocNode {
  const content = [...(base.content ?? [])];
  const last = content.at(-1) as DocNode;
  const text = `${last.content?.[0]?.text ?? ''} ${Array.from({ length: extra }, (_, i) => word(i + 3)).join(' ')}`;
  content[content.length - 1] = { type: 'paragraph', content: [{ type: 'text', text }] };
  return { type: 'doc', content };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${value.toFixed(2)} ms`;

function sizeOfScene(): void {
  // The text diffed into an empty document, as its first save does.
  const update = seedState(createDocumentSchema(), 'bench-scene', scene(5_000));
  console.log(`5,000-word scene as one Yjs update: ${kb(update.byteLength)} raw, ${kb(gzipSync(update).byteLength)} gzipped (its JSON: ${kb(JSON.stringify(scene(5_000)).length)})`);
}

async function saveLatency(): Promise<void> {
  const SAVES = 200;
  const run = async (withDocs: boolean) => {
    const fx = createFixture();
    const manuscript = withDocs
      ? createManuscriptService({
          ...fx,
          sessions: createWritingSessionService({ database: fx.database, projects: fx.projects, clock: fx.clock }),
          sceneText: createSceneDocs({ database: fx.database, scenes: fx.scenes, events: fx.events, clock: fx.clock }),
        })
      : fx.manuscript;
    const projectId = fx.addProject();
    const { sceneIds } = fx.addChapter(projectId, 'One', { A: '' });
    const id = sceneIds[0] as string;
    let content = scene(5_000);
    let revision = (await manuscript.saveScene({ id, content, baseRevision: 0 })).revision;
    const times: number[] = [];
    for (let i = 0; i < SAVES; i += 1) {
      content = typed(content, 3);
      const started = performance.now();
      revision = (await manuscript.saveScene({ id, content, baseRevision: revision })).revision;
      times.push(performance.now() - started);
    }
    fx.close();
    return times;
  };
  await run(true); // warm-up: module loading, JIT
  const plain = await run(false);
  const yjs = await run(true);
  const p50 = (values: number[]) => percentile(values, 50);
  console.log(`autosave of a 5,000-word scene (${SAVES} saves, 3 words typed each): column only p50 ${ms(p50(plain))} p95 ${ms(percentile(plain, 95))}; through Yjs p50 ${ms(p50(yjs))} p95 ${ms(percentile(yjs, 95))}; ratio p50 ${(p50(yjs) / p50(plain)).toFixed(2)}`);
}

async function mergeOneCharUpdates(): Promise<void> {
  const COUNT = 1_000;
  const writer = new Y.Doc();
  const updates: Uint8Array[] = [];
  writer.on('update', (update: Uint8Array) => updates.push(update));
  const element = new Y.XmlElement('paragraph');
  writer.getXmlFragment(FRAGMENT_NAME).insert(0, [element]);
  const text = new Y.XmlText();
  element.insert(0, [text]);
  updates.length = 0;
  const fullBefore = Y.encodeStateAsUpdate(writer);
  for (let i = 0; i < COUNT; i += 1) text.insert(i, String.fromCharCode(97 + (i % 26)));
  const total = updates.reduce((sum, u) => sum + u.byteLength, 0);
  let started = performance.now();
  const merged = Y.mergeUpdates(updates);
  const mergeMs = performance.now() - started;
  const reader = new Y.Doc();
  Y.applyUpdate(reader, fullBefore);
  started = performance.now();
  Y.applyUpdate(reader, merged);
  const applyMergedMs = performance.now() - started;
  console.log(`${COUNT} one-character updates: ${kb(total)}; Y.mergeUpdates ${ms(mergeMs)} -> ${kb(merged.byteLength)}; applying the merged one ${ms(applyMergedMs)}`);

  // The same updates through the real remote path (SQLite log, re-materialised scene, event).
  const fx = createFixture();
  const docs = createSceneDocs({ database: fx.database, scenes: fx.scenes, events: fx.events, clock: fx.clock });
  const projectId = fx.addProject();
  const id = fx.addChapter(projectId, 'One', { A: '' }).sceneIds[0] as string;
  docs.applyRemoteUpdate(id, fullBefore);
  started = performance.now();
  for (const update of updates) docs.applyRemoteUpdate(id, update);
  const oneByOne = performance.now() - started;
  const fx2 = createFixture();
  const docs2 = createSceneDocs({ database: fx2.database, scenes: fx2.scenes, events: fx2.events, clock: fx2.clock });
  const id2 = fx2.addChapter(fx2.addProject(), 'One', { A: '' }).sceneIds[0] as string;
  docs2.applyRemoteUpdate(id2, fullBefore);
  started = performance.now();
  docs2.applyRemoteUpdate(id2, merged);
  const mergedRemote = performance.now() - started;
  console.log(`  through applyRemoteUpdate: one by one ${ms(oneByOne)} (${ms(oneByOne / COUNT)} each), merged ${ms(mergedRemote)}`);
  fx.close();
  fx2.close();
}

async function compaction(): Promise<void> {
  const fx = createFixture();
  const docs = createSceneDocs({ database: fx.database, scenes: fx.scenes, events: fx.events, clock: fx.clock, compactEvery: Number.POSITIVE_INFINITY });
  const manuscript = createManuscriptService({ ...fx, sceneText: docs, sessions: createWritingSessionService({ database: fx.database, projects: fx.projects, clock: fx.clock }) });
  const id = fx.addChapter(fx.addProject(), 'One', { A: '' }).sceneIds[0] as string;
  let content = scene(1_000);
  let revision = (await manuscript.saveScene({ id, content, baseRevision: 0 })).revision;
  for (let i = 0; i < 1_000; i += 1) {
    // Typing with some deleting: every fourth save takes the last words back out.
    content = i % 4 === 3 ? scene(1_000 + Math.floor(i / 4)) : typed(content, 2);
    revision = (await manuscript.saveScene({ id, content, baseRevision: revision })).revision;
  }
  fx.advance(DEFAULT_HISTORY.keepMs + 1);
  const started = performance.now();
  const result = docs.compactAll();
  console.log(
    `compaction after 1,000 saves of a 1,000-word scene: ${result.folded} updates folded, ${kb(result.bytesBefore)} -> ${kb(result.bytesAfter)} in ${ms(performance.now() - started)} (the last ${DEFAULT_HISTORY.keepRevisions} revisions stay for stale merges)`,
  );
  fx.close();
}

async function fuzz(): Promise<void> {
  for (const [structure, replicas, steps] of [['none', 3, 600], ['splits', 3, 400]] as const) {
    const started = performance.now();
    const result = await runSceneDocFuzz({ seed: 2026, replicas, steps, structure });
    const converged = new Set(result.contents).size === 1;
    const counts = [...result.counts.values()];
    console.log(
      `fuzz ${replicas} replicas × ${steps} steps (${structure}): ${result.saves} saves, ${result.merges} merged, ${result.exchanges} exchanges; converged ${converged}; ${counts.length} insertions: ${counts.filter((c) => c === 1).length} intact once, ${counts.filter((c) => c === 0).length} not intact, ${counts.filter((c) => c > 1).length} duplicated; openings ${result.openings} for ${counts.length} (${ms(performance.now() - started)})`,
    );
    result.dispose();
    if (!converged) process.exitCode = 1;
  }
}

console.log('— scene documents (Yjs) —');
sizeOfScene();
await saveLatency();
await mergeOneCharUpdates();
await compaction();
await fuzz();
