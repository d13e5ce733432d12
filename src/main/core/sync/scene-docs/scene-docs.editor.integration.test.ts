import { Editor, Extension, type EditorOptions } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { ySyncPlugin, yUndoPlugin } from '@tiptap/y-tiptap';
import { Window } from 'happy-dom';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocNode } from '../../../../shared/models/document';
import { doc } from '../../../testing/test-core';
import { createDevice, paragraphsOf, sameScene, type Device } from '../../../testing/scene-doc-devices';
import { FRAGMENT_NAME } from './yjs-text';

/**
 * Editors bound to the scene's Yjs document (as the renderer's are: y-tiptap's sync and undo
 * plugins over the same schema) exchanging updates with the real core through the router's
 * `scene.doc.*` methods: every keystroke is a Yjs operation of its own, so concurrent edits merge
 * by intent, not by diffing whole documents.
 */

const FROM_CORE = Symbol('from-core');
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

interface BoundEditor {
  editor: Editor;
  doc: Y.Doc;
  /** Sends this editor's unsent updates (merged), applies the answer; returns what was sent. */
  push(): Promise<Uint8Array>;
  /** Sends `update` as a push (again, say). */
  pushRaw(update: Uint8Array): Promise<{ revision: number; savedAt: number | null }>;
  pull(): Promise<void>;
  text(): string[];
  /** Types `typed` one character per transaction at the end of paragraph `index`. */
  typeAtEnd(index: number, typed: string): void;
  /** Types one character per transaction after the first `anchor`. */
  typeAfter(anchor: string, typed: string): void;
  /** Joins paragraph `index` with the one before (Backspace at its start). */
  joinBackward(index: number): void;
}

/**
 * A DOM for the editors' views (happy-dom), set up after the core is imported: the core's modules
 * resolve files from `import.meta.url` with Node's URL, which a DOM environment would replace.
 */
const dom = new Window();
const DOM_GLOBALS = ['window', 'document', 'navigator', 'MutationObserver', 'getComputedStyle', 'requestAnimationFrame', 'cancelAnimationFrame'] as const;
const saved = new Map<string, PropertyDescriptor | undefined>();
beforeAll(() => {
  for (const name of DOM_GLOBALS) {
    saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
    const value: unknown = name === 'window' ? dom : (dom as unknown as Record<string, unknown>)[name];
    Object.defineProperty(globalThis, name, { value: typeof value === 'function' && name !== 'MutationObserver' ? value.bind(dom) : value, configurable: true, writable: true });
  }
});
afterAll(async () => {
  for (const [name, descriptor] of saved) {
    if (descriptor) Object.defineProperty(globalThis, name, descriptor);
    else Reflect.deleteProperty(globalThis, name);
  }
  await dom.happyDOM.close();
});

const editors: Editor[] = [];
const devices: Device[] = [];
afterEach(() => {
  for (const e of editors.splice(0)) e.destroy();
  for (const d of devices.splice(0)) d.dispose();
});

async function bind(device: Device, sceneId: string): Promise<BoundEditor> {
  const ydoc = new Y.Doc();
  const opened = await device.call('scene.doc.open', { id: sceneId });
  Y.applyUpdate(ydoc, bytes(opened.update), FROM_CORE);
  const unsent: Uint8Array[] = [];
  ydoc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== FROM_CORE) unsent.push(update);
  });
  const editor = new Editor({
    element: dom.document.createElement('div') as unknown as EditorOptions['element'],
    extensions: [
      StarterKit.configure({ heading: { levels: [1, 2, 3] }, trailingNode: { node: 'paragraph' }, undoRedo: false }),
      Extension.create({ name: 'binding', addProseMirrorPlugins: () => [ySyncPlugin(ydoc.getXmlFragment(FRAGMENT_NAME)), yUndoPlugin()] }),
    ],
  });
  editors.push(editor);
  const pushRaw = async (update: Uint8Array) => {
    const answer = await device.call('scene.doc.push', { id: sceneId, update: b64(update), stateVector: b64(Y.encodeStateVector(ydoc)) });
    Y.applyUpdate(ydoc, bytes(answer.update), FROM_CORE);
    return answer;
  };
  const endOf = (index: number) => {
    let pos = 0;
    for (let i = 0; i <= index; i += 1) pos += editor.state.doc.child(i).nodeSize;
    return pos - 1;
  };
  const typeAt = (at: () => number, typed: string) => {
    for (const ch of typed) editor.view.dispatch(editor.state.tr.insertText(ch, at()));
  };
  return {
    editor,
    doc: ydoc,
    async push() {
      const update = Y.mergeUpdates(unsent.splice(0));
      await pushRaw(update);
      return update;
    },
    pushRaw,
    async pull() {
      const answer = await device.call('scene.doc.pull', { id: sceneId, stateVector: b64(Y.encodeStateVector(ydoc)) });
      Y.applyUpdate(ydoc, bytes(answer.update), FROM_CORE);
    },
    text: () => ((editor.getJSON() as DocNode).content ?? []).map((p) => (p.content ?? []).map((t) => t.text ?? '').join('')),
    typeAtEnd(index, typed) {
      typeAt(() => endOf(index), typed);
    },
    typeAfter(anchor, typed) {
      let at = -1;
      editor.state.doc.descendants((node, pos) => {
        if (at < 0 && node.isText && node.text?.includes(anchor)) at = pos + node.text.indexOf(anchor) + anchor.length;
      });
      if (at < 0) throw new Error(`No "${anchor}" in the text.`);
      let next = at;
      typeAt(() => next++, typed);
    },
    joinBackward(index) {
      editor.view.dispatch(editor.state.tr.join(endOf(index - 1) + 1));
    },
  };
}

async function scene(paragraphs: string[]) {
  const device = createDevice(devices.length + 1);
  devices.push(device);
  const sceneId = await sameScene(device);
  const { revision } = await device.call('scene.get', { id: sceneId });
  await device.call('scene.save', { id: sceneId, content: doc(...paragraphs), baseRevision: revision });
  return { device, sceneId };
}

describe('editors bound to the scene document, through scene.doc.*', () => {
  it('opens the document the core holds and stores a push as the next revision, with its word count', async () => {
    const { device, sceneId } = await scene(['The harbour was quiet.']);
    const a = await bind(device, sceneId);
    expect(a.text()).toEqual(['The harbour was quiet.']);
    const before = await device.call('scene.get', { id: sceneId });
    a.typeAtEnd(0, ' Gulls circled.');
    await a.push();
    const after = await device.call('scene.get', { id: sceneId });
    expect(after.revision).toBe(before.revision + 1);
    expect(after.wordCount).toBe(6);
    expect(await paragraphsOf(device, sceneId)).toEqual(['The harbour was quiet. Gulls circled.']);
    const hits = await device.call('search.query', { projectId: after.projectId, query: 'gulls' });
    expect(hits.map((hit) => hit.sceneId)).toContain(sceneId);
  });

  it('keeps concurrent inserts at the same spot whole: one after the other, never interleaved', async () => {
    const { device, sceneId } = await scene(['The ship came in.']);
    const a = await bind(device, sceneId);
    const b = await bind(device, sceneId);
    a.typeAfter('The ', 'grey ');
    b.typeAfter('The ', 'old ');
    await a.push();
    await b.push();
    await a.pull();
    const merged = await paragraphsOf(device, sceneId);
    expect([['The grey old ship came in.'], ['The old grey ship came in.']]).toContainEqual(merged);
    expect(a.text()).toEqual(merged);
    expect(b.text()).toEqual(merged);
  });

  it('keeps text typed into a paragraph that another editor joined away (join stored first)', async () => {
    const { device, sceneId } = await scene(['First one.', 'Second one.']);
    const a = await bind(device, sceneId);
    const b = await bind(device, sceneId);
    a.joinBackward(1);
    b.typeAtEnd(1, ' Nobody waited.');
    await a.push();
    await b.push();
    await a.pull();
    const merged = ['First one.Second one. Nobody waited.'];
    expect(await paragraphsOf(device, sceneId)).toEqual(merged);
    expect(a.text()).toEqual(merged);
    expect(b.text()).toEqual(merged);
  });

  it('keeps text typed into a paragraph that another editor joined away (typing stored first)', async () => {
    const { device, sceneId } = await scene(['First one.', 'Second one, here.', 'Third.']);
    const a = await bind(device, sceneId);
    const b = await bind(device, sceneId);
    b.typeAfter('Second one,', ' typed');
    a.joinBackward(1);
    await b.push();
    await a.push();
    await b.pull();
    const merged = ['First one.Second one, typed here.', 'Third.'];
    expect(await paragraphsOf(device, sceneId)).toEqual(merged);
    expect(a.text()).toEqual(merged);
    expect(b.text()).toEqual(merged);
  });

  it('stores an update pushed twice once: the second push changes nothing', async () => {
    const { device, sceneId } = await scene(['Once.']);
    const a = await bind(device, sceneId);
    a.typeAtEnd(0, ' Only once.');
    const update = await a.push();
    const { revision } = await device.call('scene.get', { id: sceneId });
    const again = await a.pushRaw(update);
    expect(again).toMatchObject({ revision, savedAt: null });
    expect(await paragraphsOf(device, sceneId)).toEqual(['Once. Only once.']);
    expect(a.text()).toEqual(['Once. Only once.']);
  });

  it('brings a scene.save of another writer (an agent, an import) to an open editor, announced by scene.saved', async () => {
    const { device, sceneId } = await scene(['Kept by the editor.']);
    const a = await bind(device, sceneId);
    const announced: number[] = [];
    const off = device.core.events.subscribe((name, payload) => {
      if (name === 'scene.saved') announced.push((payload as { revision: number }).revision);
    });
    a.typeAtEnd(0, ' Typed meanwhile.');
    const { revision } = await device.call('scene.get', { id: sceneId });
    await device.call('scene.save', { id: sceneId, content: doc('Kept by the editor.', 'Added by an agent.'), baseRevision: revision });
    off();
    expect(announced).toEqual([revision + 1]);
    await a.pull();
    expect(a.text()).toEqual(['Kept by the editor. Typed meanwhile.', 'Added by an agent.']);
    await a.push();
    expect(await paragraphsOf(device, sceneId)).toEqual(['Kept by the editor. Typed meanwhile.', 'Added by an agent.']);
  });

  it('two devices offline: one joins, the other types into the joined paragraph; after exchanging both have all of it, once', async () => {
    const first = await scene(['Harbour.', 'Ship at dawn.']);
    const laptop = first.device;
    const sceneId = first.sceneId;
    const desktop = createDevice(devices.length + 1);
    devices.push(desktop);
    await sameScene(desktop);
    desktop.core.services.sceneDocs.applyRemoteUpdate(sceneId, laptop.core.services.sceneDocs.encodeState(sceneId));
    const cursors = [laptop, desktop].map((d) => d.core.services.sceneDocs.changesSince(0).at(-1)?.seq ?? 0);
    const a = await bind(laptop, sceneId);
    const b = await bind(desktop, sceneId);
    a.joinBackward(1);
    await a.push();
    b.typeAtEnd(1, ' Nobody waited.');
    await b.push();
    const fromLaptop = laptop.core.services.sceneDocs.changesSince(cursors[0] ?? 0).map((c) => c.update);
    const fromDesktop = desktop.core.services.sceneDocs.changesSince(cursors[1] ?? 0).map((c) => c.update);
    for (const update of fromDesktop) laptop.core.services.sceneDocs.applyRemoteUpdate(sceneId, update);
    for (const update of fromLaptop) desktop.core.services.sceneDocs.applyRemoteUpdate(sceneId, update);
    // The desktop (where the words were typed) puts them back; the laptop gets that with the next exchange.
    const rescue = desktop.core.services.sceneDocs.changesSince(cursors[1] ?? 0).map((c) => c.update);
    for (const update of rescue) laptop.core.services.sceneDocs.applyRemoteUpdate(sceneId, update);
    const merged = ['Harbour.Ship at dawn. Nobody waited.'];
    expect(await paragraphsOf(laptop, sceneId)).toEqual(merged);
    expect(await paragraphsOf(desktop, sceneId)).toEqual(merged);
    await a.pull();
    await b.pull();
    expect(a.text()).toEqual(merged);
    expect(b.text()).toEqual(merged);
  });

  it('refuses bytes that are not a Yjs update with INVALID_INPUT, storing nothing', async () => {
    const { device, sceneId } = await scene(['Safe.']);
    const refused = await device.raw('scene.doc.push', { id: sceneId, update: b64(new Uint8Array([255, 255, 255, 1, 2])), stateVector: b64(new Uint8Array([0])) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await paragraphsOf(device, sceneId)).toEqual(['Safe.']);
    const a = await bind(device, sceneId);
    expect(a.text()).toEqual(['Safe.']);
  });
});
