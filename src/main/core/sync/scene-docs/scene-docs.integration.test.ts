import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { EventPayload } from '../../../../shared/ipc/events';
import { doc } from '../../../testing/test-core';
import { createDevice, docOf, para, paragraphsOf, run, sameScene, sendState, type Device } from '../../../testing/scene-doc-devices';

const devices: Device[] = [];
const device = () => {
  const created = createDevice(devices.length + 1);
  devices.push(created);
  return created;
};
afterEach(() => {
  for (const d of devices.splice(0)) d.dispose();
});

/** Saves `content` on top of the scene's current revision, as an up-to-date editor would. */
async function write(d: Device, sceneId: string, content: ReturnType<typeof doc>) {
  const { revision } = await d.call('scene.get', { id: sceneId });
  return d.call('scene.save', { id: sceneId, content, baseRevision: revision });
}

const words = (count: number, from = 0) => Array.from({ length: count }, (_, i) => `word${from + i}`).join(' ');

describe('scene documents: saving through Yjs', () => {
  it('stores an edit as a small update, not the whole document', async () => {
    const d = device();
    const sceneId = await sameScene(d);
    const paragraphs = Array.from({ length: 20 }, (_, i) => words(100, i * 100));
    await write(d, sceneId, doc(...paragraphs));
    const docs = d.core.services.sceneDocs;
    const cursor = docs.changesSince(0).at(-1)?.seq ?? 0;
    const edited = [...paragraphs];
    edited[10] = edited[10]?.replace('word1050', 'word1050 and a new clause,') ?? '';
    await write(d, sceneId, doc(...edited));
    const [change, ...more] = docs.changesSince(cursor);
    expect(more).toEqual([]);
    const whole = docs.encodeState(sceneId).byteLength;
    expect(whole).toBeGreaterThan(10_000);
    // The inserted text (26 characters) plus ids and origins: nowhere near the 2,000-word document.
    expect(change?.update.byteLength).toBeLessThan(80);
    expect((await paragraphsOf(d, sceneId))[10]).toContain('word1050 and a new clause, word1051');
  });

  it('materialises the document into the scene: content, plain text, word count and revision', async () => {
    const d = device();
    const sceneId = await sameScene(d);
    const saved = await write(d, sceneId, docOf(para(run('The keeper '), run('climbed', 'bold'), run(' the stairs.'))));
    expect(saved).toMatchObject({ revision: 1, wordCount: 5 });
    expect(saved.content).toBeUndefined();
    const scene = await d.call('scene.get', { id: sceneId });
    expect(scene.content).toEqual(docOf(para(run('The keeper '), run('climbed', 'bold'), run(' the stairs.'))));
    expect(scene.revision).toBe(1);
  });

  it('starts a new scene from an empty document', async () => {
    const d = device();
    const sceneId = await sameScene(d);
    const decoded = Y.decodeUpdate(d.core.services.sceneDocs.encodeState(sceneId));
    expect(decoded.structs).toEqual([]);
  });

  it('merges a stale autosave instead of refusing it, and answers with the merged text', async () => {
    const d = device();
    const sceneId = await sameScene(d);
    const base = await write(d, sceneId, doc('Alpha beta gamma.', 'Second paragraph.'));
    // Window 1 saves on top of the base; window 2 still holds the base.
    const first = await d.call('scene.save', { id: sceneId, content: doc('Alpha beta gamma. Delta.', 'Second paragraph.'), baseRevision: base.revision });
    expect(first.content).toBeUndefined();
    const second = await d.call('scene.save', { id: sceneId, content: doc('Zero alpha beta gamma.', 'Second paragraph.', 'Third.'), baseRevision: base.revision });
    expect(second.revision).toBe(first.revision + 1);
    expect(second.content).toEqual(doc('Zero alpha beta gamma. Delta.', 'Second paragraph.', 'Third.'));
    expect(await paragraphsOf(d, sceneId)).toEqual(['Zero alpha beta gamma. Delta.', 'Second paragraph.', 'Third.']);
    expect(second.wordCount).toBe(8);
  });

  it('merges the next save of an editor that kept typing before showing a merge (ownBase), without duplicating its text', async () => {
    const d = device();
    const sceneId = await sameScene(d);
    const base = await write(d, sceneId, doc('Alpha beta gamma.'));
    await d.call('scene.save', { id: sceneId, content: doc('Alpha beta gamma. Delta.'), baseRevision: base.revision });
    const merged = await d.call('scene.save', { id: sceneId, content: doc('Zero alpha beta gamma.'), baseRevision: base.revision });
    expect(merged.content).toEqual(doc('Zero alpha beta gamma. Delta.'));
    // The editor did not show the merge (the writer was typing): its text is its own view plus more.
    const next = await d.call('scene.save', { id: sceneId, content: doc('Zero one alpha beta gamma.'), baseRevision: merged.revision, ownBase: true });
    expect(next.content).toEqual(doc('Zero one alpha beta gamma. Delta.'));
    // Once it shows the merge, it saves on top of that revision as usual.
    const adopted = await d.call('scene.save', { id: sceneId, content: doc('Zero one alpha beta gamma. Delta. Epsilon.'), baseRevision: next.revision });
    expect(adopted.content).toBeUndefined();
    expect(await paragraphsOf(d, sceneId)).toEqual(['Zero one alpha beta gamma. Delta. Epsilon.']);
  });

  it('answers CONFLICT for a revision that does not exist yet, writing nothing', async () => {
    const d = device();
    const sceneId = await sameScene(d);
    await write(d, sceneId, doc('Kept.'));
    const refused = await d.raw('scene.save', { id: sceneId, content: doc('From the future.'), baseRevision: 5 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await paragraphsOf(d, sceneId)).toEqual(['Kept.']);
  });

  it('catches up with text written beside it (a snapshot restore) before merging', async () => {
    const d = device();
    const sceneId = await sameScene(d);
    await write(d, sceneId, doc('Before the snapshot.'));
    const snapshot = await d.call('snapshot.create', { scope: 'scene', targetId: sceneId, label: 'one' });
    const later = await write(d, sceneId, doc('After the snapshot.'));
    await d.call('snapshot.restore', { id: snapshot.id });
    expect(await paragraphsOf(d, sceneId)).toEqual(['Before the snapshot.']);
    // A window still on the pre-restore text adds a paragraph: merged on top of the restored text.
    const merged = await d.call('scene.save', { id: sceneId, content: doc('After the snapshot.', 'A new line.'), baseRevision: later.revision });
    expect(merged.content).toEqual(doc('Before the snapshot.', 'A new line.'));
    const state = d.core.services.sceneDocs.encodeState(sceneId);
    const other = device();
    await sameScene(other);
    other.core.services.sceneDocs.applyRemoteUpdate(sceneId, state);
    expect(await paragraphsOf(other, sceneId)).toEqual(['Before the snapshot.', 'A new line.']);
  });

  it('materialises text that reaches a scene in the trash, so restoring it shows every edit and later ones still land', async () => {
    const a = device();
    const b = device();
    const sceneId = await sameScene(a, b);
    await write(a, sceneId, doc('Written on A.'));
    await b.call('scene.delete', { id: sceneId });
    expect(sendState(a, b, sceneId).changed).toBe(true);
    await b.call('trash.restore', { kind: 'scene', id: sceneId });
    expect(await paragraphsOf(b, sceneId)).toEqual(['Written on A.']);
    await write(a, sceneId, doc('Written on A.', 'Then more.'));
    sendState(a, b, sceneId);
    expect(await paragraphsOf(b, sceneId)).toEqual(['Written on A.', 'Then more.']);
    // The writer on B carries on from what B shows.
    await write(b, sceneId, doc('Written on A.', 'Then more.', 'And B.'));
    expect(await paragraphsOf(b, sceneId)).toEqual(['Written on A.', 'Then more.', 'And B.']);
  });
});

describe('scene documents: two devices', () => {
  it('merges offline edits of one scene in either order: same spot, delete, new paragraph, formatting', async () => {
    const a = device();
    const b = device();
    const sceneId = await sameScene(a, b);
    await write(a, sceneId, docOf(para(run('The ship came in at dawn.')), para(run('Gulls circled the mast.'))));
    sendState(a, b, sceneId);
    const start = a.core.services.sceneDocs.changesSince(0).at(-1)?.seq ?? 0;
    const startB = b.core.services.sceneDocs.changesSince(0).at(-1)?.seq ?? 0;

    // Offline: both insert at the same spot; A deletes a word and bolds one; B adds a paragraph.
    await write(a, sceneId, docOf(para(run('The '), run('old', 'bold'), run(' ship came in.')), para(run('Gulls circled the mast.'))));
    await write(b, sceneId, docOf(para(run('The grey ship came in at dawn.')), para(run('Gulls circled the mast.')), para(run('Nobody waited.'))));

    const fromA = a.core.services.sceneDocs.changesSince(start).map((c) => c.update);
    const fromB = b.core.services.sceneDocs.changesSince(startB).map((c) => c.update);
    for (const update of [...fromB].reverse()) a.core.services.sceneDocs.applyRemoteUpdate(sceneId, update);
    for (const update of fromA) b.core.services.sceneDocs.applyRemoteUpdate(sceneId, update);

    const onA = await a.call('scene.get', { id: sceneId });
    const onB = await b.call('scene.get', { id: sceneId });
    expect(onA.content).toEqual(onB.content);
    const text = await paragraphsOf(a, sceneId);
    expect(text[0]).toMatch(/^The (old grey|grey old) ship came in\.$/);
    expect(text.slice(1)).toEqual(['Gulls circled the mast.', 'Nobody waited.']);
    expect(JSON.stringify(onA.content)).toContain('{"type":"text","marks":[{"type":"bold"}],"text":"old"}');
    expect(onA.wordCount).toBe(onB.wordCount);
    // Applying again changes nothing (idempotent).
    expect(sendState(b, a, sceneId).changed).toBe(false);
  });

  it('seeds pre-existing text deterministically, so two databases with the same scene do not duplicate it', async () => {
    const a = device();
    const b = device();
    const sceneId = await sameScene(a, b);
    // Text written before scene documents existed: only the column, on both devices.
    for (const d of [a, b]) writeLegacy(d, sceneId, doc('An old paragraph from before.', 'Another one.'), 4);
    await write(a, sceneId, doc('An old paragraph from before, edited on A.', 'Another one.'));
    await write(b, sceneId, doc('An old paragraph from before.', 'Another one.', 'Added on B.'));
    sendState(a, b, sceneId);
    sendState(b, a, sceneId);
    const expected = ['An old paragraph from before, edited on A.', 'Another one.', 'Added on B.'];
    expect(await paragraphsOf(a, sceneId)).toEqual(expected);
    expect(await paragraphsOf(b, sceneId)).toEqual(expected);
  });

  it('keeps both texts when two databases held different text for one scene (no struct id collision)', async () => {
    const a = device();
    const b = device();
    const sceneId = await sameScene(a, b);
    writeLegacy(a, sceneId, doc('Text of A.'), 2);
    writeLegacy(b, sceneId, doc('Text of B.'), 2);
    sendState(a, b, sceneId);
    sendState(b, a, sceneId);
    const onA = await paragraphsOf(a, sceneId);
    expect(onA).toEqual(await paragraphsOf(b, sceneId));
    expect([...onA].sort()).toEqual(['Text of A.', 'Text of B.']);
  });

  it('applies an update that arrives before its predecessor once the gap is filled, and tells open editors', async () => {
    const a = device();
    const b = device();
    const sceneId = await sameScene(a, b);
    await write(a, sceneId, doc('One.'));
    await write(a, sceneId, doc('One. Two.'));
    const [first, second] = a.core.services.sceneDocs.changesSince(0);
    const seen: Array<EventPayload<'scene.saved'>> = [];
    b.core.events.subscribe((name, payload) => {
      if (name === 'scene.saved') seen.push(payload as EventPayload<'scene.saved'>);
    });
    expect(b.core.services.sceneDocs.applyRemoteUpdate(sceneId, second?.update as Uint8Array)).toEqual({ changed: false, revision: 0 });
    // Kept although it could not be integrated: the full state carries it.
    expect(Y.decodeUpdate(b.core.services.sceneDocs.encodeState(sceneId)).structs.length).toBeGreaterThan(0);
    expect(b.core.services.sceneDocs.applyRemoteUpdate(sceneId, first?.update as Uint8Array)).toEqual({ changed: true, revision: 1 });
    expect(await paragraphsOf(b, sceneId)).toEqual(['One. Two.']);
    expect(seen).toEqual([expect.objectContaining({ id: sceneId, revision: 1, wordCount: 2 })]);
  });
});

describe('scene documents: history and compaction', () => {
  it('folds old history into the base with identical content and fewer bytes, then refuses a merge it no longer can', async () => {
    const d = device();
    const sceneId = await sameScene(d);
    const first = await write(d, sceneId, doc('Start.'));
    let text = 'Start.';
    for (let i = 0; i < 210; i += 1) {
      text = i % 3 === 2 ? text.slice(0, -4) : `${text} w${i}`;
      await write(d, sceneId, doc(text));
    }
    const docs = d.core.services.sceneDocs;
    const before = await d.call('scene.get', { id: sceneId });
    const vectorBefore = Y.encodeStateVector(stateDoc(docs.encodeState(sceneId)));
    // Young updates stay, however many: the stale-merge window is 200 revisions AND 7 days.
    expect(docs.compactAll().folded).toBe(0);
    d.clock.advance(8 * 24 * 60 * 60 * 1000);
    const result = docs.compactAll();
    expect(result.folded).toBe(211 - 200);
    expect(result.bytesAfter).toBeLessThan(result.bytesBefore);
    expect((await d.call('scene.get', { id: sceneId })).content).toEqual(before.content);
    expect(Y.encodeStateVector(stateDoc(docs.encodeState(sceneId)))).toEqual(vectorBefore);
    // A save based on a folded revision cannot be merged: CONFLICT, and the stored text is untouched.
    const refused = await d.raw('scene.save', { id: sceneId, content: doc('Start. From an old tab.'), baseRevision: first.revision });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await d.call('scene.get', { id: sceneId })).content).toEqual(before.content);
    // One inside the window still merges.
    const recent = before.revision - 150;
    const merged = await d.call('scene.save', { id: sceneId, content: doc('Prefix.'), baseRevision: recent });
    expect(merged.content).toBeDefined();
  });

  it('keeps what the uploader has not acknowledged', async () => {
    const d = device();
    const sceneId = await sameScene(d);
    for (let i = 0; i < 205; i += 1) await write(d, sceneId, doc(`Line ${i}.`));
    const docs = d.core.services.sceneDocs;
    docs.acknowledge(2);
    d.clock.advance(8 * 24 * 60 * 60 * 1000);
    expect(docs.compactAll().folded).toBe(2);
    expect(docs.changesSince(0)[0]?.seq).toBe(3);
    docs.acknowledge(1_000);
    expect(docs.compactAll().folded).toBe(3);
  });
});

/** Writes a scene's columns as a release without scene documents did, through a second connection to the device's file. */
function writeLegacy(d: Device, sceneId: string, content: ReturnType<typeof doc>, revision: number) {
  const sqlite = new Database(d.core.info.dbFile);
  try {
    sqlite.prepare('update scenes set content = ?, revision = ? where id = ?').run(JSON.stringify(content), revision, sceneId);
  } finally {
    sqlite.close();
  }
}

function stateDoc(update: Uint8Array): Y.Doc {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, update);
  return ydoc;
}
