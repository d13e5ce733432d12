import { getSchema } from '@tiptap/core';
import { prosemirrorJSONToYDoc, prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { contract, type ParsedInput } from '../../../shared/ipc/contract';
import { ErrorCode } from '../../../shared/ipc/errors';
import { DEFAULT_PREFS } from '../../../shared/models/app';
import type { DocNode } from '../../../shared/models/document';
import type { Scene } from '../../../shared/models/manuscript';
import type { SceneDocPushed } from '../../../shared/models/scene-doc';
import { documentExtensions } from '../features/editor/editor-extensions';
import { SCENE_FRAGMENT } from '../features/editor/scene-doc-binding';
import { ApiError } from '../lib/api';
import { base64ToBytes, bytesToBase64 } from '../lib/base64';
import { createFakeApi, type FakeApi } from './fake-api';

export const PROJECT_ID = '00000000-0000-4000-8000-0000000000a1';
export const CHAPTER_ID = '00000000-0000-4000-8000-0000000000a2';

const schema = getSchema(documentExtensions());

/** A document of plain paragraphs. */
export function docOf(paragraphs: readonly string[]): DocNode {
  return { type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', ...(text && { content: [{ type: 'text', text }] }) })) };
}

/** The paragraphs of a document as plain text (marks dropped). */
export function paragraphsOf(doc: DocNode): string[] {
  const text = (node: DocNode): string => (node.text ?? '') + (node.content ?? []).map(text).join('');
  return (doc.content ?? []).map(text);
}

/** A stored scene with the given paragraphs. */
export function sceneFixture(id: string, paragraphs: readonly string[], revision = 1): Scene {
  return {
    id,
    projectId: PROJECT_ID,
    chapterId: CHAPTER_ID,
    title: `Scene ${id.slice(-2)}`,
    synopsis: '',
    status: 'draft',
    pov: '',
    position: 0,
    wordCount: paragraphs.join(' ').split(/\s+/).filter(Boolean).length,
    revision,
    createdAt: 1,
    updatedAt: 1,
    content: docOf(paragraphs),
  };
}

/** A scene.doc.push the core has received and not answered yet; the test answers it. */
export interface HeldPush {
  /** What the editor sent, as the core reads it. */
  input: ParsedInput<'scene.doc.push'>;
  /** The size of the sent update, in bytes. */
  bytes: number;
  /**
   * Answers as the core does: merges the update into the scene's document (a new revision when
   * it held something new) and answers with what the editor lacks. With `answerLost`, it is
   * stored but the connection drops before the answer arrives (the editor sees DISCONNECTED).
   */
  land(options?: { answerLost?: boolean }): void;
  /** Answers with an error. */
  fail(error: ApiError): void;
}

/** The part of the core an open scene talks to, with every push held until the test answers it. */
export interface SceneCore {
  api: FakeApi;
  /** Every push received, in order, answered or not. */
  pushes: HeldPush[];
  /** The scene as the core stores it now (its content materialised from its document). */
  stored(id: string): Scene;
  /** Something else (an agent's save, a restore) writes `paragraphs` over the scene's text; no event is sent. */
  saveElsewhere(id: string, paragraphs: readonly string[]): void;
  /** The scene's document in the core (to merge another editor's update into, say). */
  docOf(id: string): Y.Doc;
}

interface Held {
  scene: Scene;
  doc: Y.Doc;
}

const textOf = (doc: Y.Doc) => yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(SCENE_FRAGMENT)) as DocNode;

/**
 * A fake client that keeps scenes like the core does (a Yjs document each, a revision per stored
 * change) and answers what the editor needs around them (preferences, codex, snapshots); inline
 * AI is left to the test.
 */
export function createSceneCore(scenes: readonly Scene[]): SceneCore {
  const store = new Map<string, Held>(scenes.map((scene) => [scene.id, { scene: structuredClone(scene), doc: prosemirrorJSONToYDoc(schema, scene.content, SCENE_FRAGMENT) }]));
  const pushes: HeldPush[] = [];
  const held = (id: string): Held => {
    const found = store.get(id);
    if (!found) throw new ApiError(ErrorCode.NOT_FOUND, 'This scene no longer exists.', false);
    return found;
  };
  const stored = (id: string): Scene => {
    const { scene, doc } = held(id);
    return { ...structuredClone(scene), content: textOf(doc) };
  };
  /** Applies an update; a new revision when it changed the document. */
  const merge = (id: string, update: Uint8Array) => {
    const entry = held(id);
    let changed = false;
    const onUpdate = () => (changed = true);
    entry.doc.on('update', onUpdate);
    Y.applyUpdate(entry.doc, update);
    entry.doc.off('update', onUpdate);
    if (changed) entry.scene = { ...entry.scene, revision: entry.scene.revision + 1, updatedAt: Date.now() };
    return changed;
  };
  const api = createFakeApi({ 'prefs.get': DEFAULT_PREFS, 'codex.list': [] });
  api.answer('scene.get', ({ id }) => stored(id));
  api.answer('scene.doc.open', ({ id }) => ({ id, revision: held(id).scene.revision, update: bytesToBase64(Y.encodeStateAsUpdate(held(id).doc)) }));
  api.answer('scene.doc.pull', ({ id, stateVector }) => ({
    id,
    revision: held(id).scene.revision,
    update: bytesToBase64(Y.encodeStateAsUpdate(held(id).doc, base64ToBytes(stateVector))),
  }));
  let snapshots = 0;
  api.answer('snapshot.create', ({ scope, targetId, label }) => {
    snapshots += 1;
    const id = `00000000-0000-4000-8000-${String(snapshots).padStart(12, '0')}`;
    return { id, projectId: PROJECT_ID, scope, targetId, label: label ?? '', wordCount: 0, createdAt: Date.now() };
  });
  api.answer(
    'scene.doc.push',
    (sent) =>
      new Promise<SceneDocPushed>((resolve, reject) => {
        const input = contract['scene.doc.push'].input.parse(sent);
        pushes.push({
          input,
          bytes: base64ToBytes(input.update).byteLength,
          land(options = {}) {
            const changed = merge(input.id, base64ToBytes(input.update));
            const { scene, doc } = held(input.id);
            if (options.answerLost) {
              reject(new ApiError(ErrorCode.DISCONNECTED, 'The connection to Nova Studio’s core was lost.', true));
              return;
            }
            const missing = Y.encodeStateAsUpdate(doc, base64ToBytes(input.stateVector));
            resolve({ id: input.id, revision: scene.revision, wordCount: scene.wordCount, savedAt: changed ? Date.now() : null, update: bytesToBase64(missing) });
          },
          fail: reject,
        });
      }),
  );
  return {
    api,
    pushes,
    stored,
    saveElsewhere(id, paragraphs) {
      // Diffed into the document, as the core's scene.save does (only what changed is rewritten).
      const entry = held(id);
      prosemirrorJSONToYXmlFragment(schema, docOf(paragraphs), entry.doc.getXmlFragment(SCENE_FRAGMENT));
      entry.scene = { ...entry.scene, revision: entry.scene.revision + 1, updatedAt: Date.now() };
    },
    docOf: (id) => held(id).doc,
  };
}
