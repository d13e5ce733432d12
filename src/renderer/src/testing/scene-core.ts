import { contract, type ParsedInput } from '../../../shared/ipc/contract';
import { ErrorCode } from '../../../shared/ipc/errors';
import { DEFAULT_PREFS } from '../../../shared/models/app';
import type { DocNode } from '../../../shared/models/document';
import type { Scene, SceneSaved } from '../../../shared/models/manuscript';
import { ApiError } from '../lib/api';
import { createFakeApi, type FakeApi } from './fake-api';

export const PROJECT_ID = '00000000-0000-4000-8000-0000000000a1';
export const CHAPTER_ID = '00000000-0000-4000-8000-0000000000a2';

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

/** A scene.save the core has received and not answered yet; the test answers it. */
export interface HeldSave {
  /** What the editor sent, as the core reads it. */
  input: ParsedInput<'scene.save'>;
  /**
   * Answers as the core does: stores the text on a fresh revision, or CONFLICT when the base
   * revision is stale. With `answerLost`, the text is stored but the connection drops before
   * the answer arrives (the editor sees DISCONNECTED).
   */
  land(options?: { answerLost?: boolean }): void;
  /** Answers with an error. */
  fail(error: ApiError): void;
}

/** The part of the core an open scene talks to, with every save held until the test answers it. */
export interface SceneCore {
  api: FakeApi;
  /** Every save received, in order, answered or not. */
  saves: HeldSave[];
  /** The scene as the core stores it now. */
  stored(id: string): Scene;
  /** Another window stores `paragraphs` (no event is sent). */
  saveElsewhere(id: string, paragraphs: readonly string[]): void;
}

/**
 * A fake client that keeps scenes like the core does (revisions, CONFLICT on a stale base) and
 * answers what the editor needs around them (preferences, codex, snapshots); inline AI is left
 * to the test.
 */
export function createSceneCore(scenes: readonly Scene[]): SceneCore {
  const store = new Map(scenes.map((scene) => [scene.id, structuredClone(scene)]));
  const saves: HeldSave[] = [];
  const stored = (id: string): Scene => {
    const scene = store.get(id);
    if (!scene) throw new ApiError(ErrorCode.NOT_FOUND, 'This scene no longer exists.', false);
    return scene;
  };
  const api = createFakeApi({ 'prefs.get': DEFAULT_PREFS, 'codex.list': [] });
  api.answer('scene.get', ({ id }) => structuredClone(stored(id)));
  let snapshots = 0;
  api.answer('snapshot.create', ({ scope, targetId, label }) => {
    snapshots += 1;
    const id = `00000000-0000-4000-8000-${String(snapshots).padStart(12, '0')}`;
    return { id, projectId: PROJECT_ID, scope, targetId, label: label ?? '', wordCount: 0, createdAt: Date.now() };
  });
  api.answer(
    'scene.save',
    (sent) =>
      new Promise<SceneSaved>((resolve, reject) => {
        const input = contract['scene.save'].input.parse(sent);
        saves.push({
          input,
          land(options = {}) {
            const scene = stored(input.id);
            if (scene.revision !== input.baseRevision) {
              reject(new ApiError(ErrorCode.CONFLICT, 'This scene was changed elsewhere.', false));
              return;
            }
            const savedAt = Date.now();
            store.set(input.id, { ...scene, content: structuredClone(input.content), revision: scene.revision + 1, updatedAt: savedAt });
            if (options.answerLost) reject(new ApiError(ErrorCode.DISCONNECTED, 'The connection to Nova Studio’s core was lost.', true));
            else resolve({ id: input.id, revision: scene.revision + 1, wordCount: scene.wordCount, savedAt });
          },
          fail: reject,
        });
      }),
  );
  return {
    api,
    saves,
    stored: (id) => structuredClone(stored(id)),
    saveElsewhere(id, paragraphs) {
      const scene = stored(id);
      store.set(id, { ...scene, content: docOf(paragraphs), revision: scene.revision + 1, updatedAt: Date.now() });
    },
  };
}
