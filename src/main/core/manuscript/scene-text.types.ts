import type { DocNode } from '../../../shared/models/document';
import type { SceneTextUpdate } from './scene.repo';

/** A scene save handed to the {@link SceneTextStore}. */
export interface SceneTextSave {
  scene: { id: string; projectId: string; title: string };
  content: DocNode;
  baseRevision: number;
  /** The editor's text descends from what it sent for `baseRevision`, not from what was stored (see sceneSaveSchema). */
  ownBase: boolean;
  /** `content` measured for storage (used as is when the stored text is exactly `content`). */
  measured: SceneTextUpdate;
  now: number;
}

/** What scene.doc.push answers (bytes here; the handler carries them as base64). */
export interface SceneDocPushed {
  id: string;
  revision: number;
  wordCount: number;
  /** When this update was stored; null when it held nothing new. */
  savedAt: number | null;
  /** What the editor lacks of the document. */
  update: Uint8Array;
}

/** What a {@link SceneTextStore} stored. */
export interface SceneTextSaved {
  revision: number;
  text: SceneTextUpdate;
  /** The stored text when it differs from what was sent (merged with other edits); null otherwise. */
  content: DocNode | null;
}

/**
 * Where scene text is stored when it is more than a column: the scene documents of the sync
 * domain (a CRDT that merges a stale save instead of refusing it). Runs inside the save's
 * transaction; returns null when the save cannot be merged (its base is gone or unknown).
 */
export interface SceneTextStore {
  save(input: SceneTextSave): SceneTextSaved | null;
  /** Merges an editor's own Yjs update; null when it held nothing new. Runs inside the transaction. */
  applyUpdate(input: SceneTextUpdateInput): SceneTextSaved | null;
  /** What a holder of `stateVector` lacks of the scene's document (all of it without one), at which revision. */
  pull(sceneId: string, stateVector?: Uint8Array): { update: Uint8Array; revision: number };
}

/** An editor's update handed to {@link SceneTextStore.applyUpdate}. */
export interface SceneTextUpdateInput {
  scene: { id: string; projectId: string; title: string };
  update: Uint8Array;
  now: number;
}
