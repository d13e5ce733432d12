/**
 * The scene editor bound to the scene's Yjs document (y-tiptap), pushing its updates to a real
 * core through the router's `scene.doc.push`: what typing costs on the wire (bytes of the JSON
 * frames per typed character) and how long a keystroke takes to be durable in the core (the
 * push policy's wait — 700 ms after the last keystroke, at most 2 s after the first unsent one —
 * plus the measured push: zod, Yjs merge, materialise, word count, SQLite commit, scene.saved).
 *
 * Typing is simulated on a clock (keystrokes every 150 ms, a 1.5 s pause after each sentence)
 * so the batches are those the renderer makes; the pushes themselves run for real.
 */
import { Editor, Extension, type EditorOptions } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { ySyncPlugin } from '@tiptap/y-tiptap';
import { Window } from 'happy-dom';
import * as Y from 'yjs';
import { FRAGMENT_NAME } from '../src/main/core/sync';
import { createTestCore } from '../src/main/testing/test-core';
import type { DocNode } from '../src/shared/models/document';
import { percentile } from './stats';

const KEY_MS = 150;
const SENTENCE_PAUSE_MS = 1_500;
const DELAY_MS = 700;
const MAX_WAIT_MS = 2_000;
const SENTENCE = 'The keeper climbed the stairs again and watched the sea. ';

function scene(words: number): DocNode {
  const paragraphs: DocNode[] = [];
  for (let start = 0; start < words; start += 100) {
    const text = Array.from({ length: Math.min(100, words - start) }, (_, i) => `word${String(start + i)}`).join(' ');
    paragraphs.push({ type: 'paragraph', content: [{ type: 'text', text: `${text}.` }] });
  }
  return { type: 'doc', content: paragraphs };
}

/** Keystroke times (ms) of `chars` characters of typing. */
function keystrokes(chars: number): number[] {
  const times: number[] = [];
  let now = 0;
  for (let i = 0; i < chars; i += 1) {
    now += SENTENCE[(i - 1 + SENTENCE.length) % SENTENCE.length] === '.' && i > 0 ? SENTENCE_PAUSE_MS : KEY_MS;
    times.push(now);
  }
  return times;
}

/** When each batch is pushed: after DELAY_MS of quiet, or MAX_WAIT_MS after its first keystroke. */
function batches(times: readonly number[]): Array<{ from: number; to: number; at: number }> {
  const out: Array<{ from: number; to: number; at: number }> = [];
  let from = 0;
  for (let i = 0; i < times.length; i += 1) {
    const first = times[from] as number;
    const next = times[i + 1];
    const quietAt = (times[i] as number) + DELAY_MS;
    const capAt = first + MAX_WAIT_MS;
    if (next === undefined || next >= Math.min(quietAt, capAt)) {
      out.push({ from, to: i, at: Math.min(quietAt, capAt) });
      from = i + 1;
    }
  }
  return out;
}

async function run(words: number, chars: number): Promise<void> {
  const dom = new Window();
  Object.assign(globalThis, { window: dom, document: dom.document, navigator: dom.navigator, MutationObserver: dom.MutationObserver, getComputedStyle: dom.getComputedStyle.bind(dom) });
  const test = createTestCore({ config: { textWorker: null } });
  const project = await test.call('project.create', { title: 'Bench' });
  const outline = await test.call('outline.get', { projectId: project.id });
  const sceneId = outline.chapters[0]?.scenes[0]?.id as string;
  await test.call('scene.save', { id: sceneId, content: scene(words), baseRevision: 0 });

  const doc = new Y.Doc();
  const opened = await test.call('scene.doc.open', { id: sceneId });
  Y.applyUpdate(doc, Buffer.from(opened.update, 'base64'), 'core');
  const pending: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'core') pending.push(update);
  });
  const editor = new Editor({
    element: dom.document.createElement('div') as unknown as EditorOptions['element'],
    extensions: [
      StarterKit.configure({ undoRedo: false }),
      Extension.create({ name: 'binding', addProseMirrorPlugins: () => [ySyncPlugin(doc.getXmlFragment(FRAGMENT_NAME))] }),
    ],
  });

  const times = keystrokes(chars);
  let sentBytes = 0;
  let answerBytes = 0;
  let updateBytes = 0;
  const pushMs: number[] = [];
  const durableMs: number[] = [];
  const text = SENTENCE.repeat(Math.ceil(chars / SENTENCE.length));
  for (const batch of batches(times)) {
    for (let i = batch.from; i <= batch.to; i += 1) editor.view.dispatch(editor.state.tr.insertText(text[i] as string, editor.state.doc.content.size - 1));
    const update = Y.mergeUpdates(pending.splice(0));
    const input = { id: sceneId, update: Buffer.from(update).toString('base64'), stateVector: Buffer.from(Y.encodeStateVector(doc)).toString('base64') };
    const frame = JSON.stringify({ kind: 'call', id: 1, method: 'scene.doc.push', input });
    const started = performance.now();
    const answer = await test.call('scene.doc.push', input);
    const took = performance.now() - started;
    Y.applyUpdate(doc, Buffer.from(answer.update, 'base64'), 'core');
    pushMs.push(took);
    updateBytes += update.byteLength;
    sentBytes += Buffer.byteLength(frame);
    answerBytes += Buffer.byteLength(JSON.stringify({ kind: 'result', id: 1, result: { ok: true, data: answer } }));
    for (let i = batch.from; i <= batch.to; i += 1) durableMs.push(batch.at - (times[i] as number) + took);
  }
  const stored = await test.call('scene.get', { id: sceneId });
  if (!JSON.stringify(stored.content).includes('The keeper climbed')) throw new Error('the typing did not reach the core');
  const pushes = pushMs.length;
  const f = (value: number) => value.toFixed(1);
  console.log(
    `${String(words)}-word scene, ${String(chars)} characters typed in ${String(pushes)} pushes: update ${f(updateBytes / chars)} B/char, ` +
      `push frames ${f(sentBytes / chars)} B/char (answers ${f(answerBytes / chars)} B/char; the state vector rides along)`,
  );
  console.log(
    `  push through the router (zod, merge, materialise, count, commit): p50 ${f(percentile(pushMs, 50))} ms p95 ${f(percentile(pushMs, 95))} ms; ` +
      `keystroke to durable in the core (with the ${String(DELAY_MS)} ms / ${String(MAX_WAIT_MS)} ms push policy): p50 ${f(percentile(durableMs, 50))} ms p95 ${f(percentile(durableMs, 95))} ms`,
  );
  editor.destroy();
  test.dispose();
  await dom.happyDOM.close();
}

console.log('— scene editor bound to Yjs (scene.doc.push) —');
await run(500, 600);
await run(5_000, 2_000);
