import { z } from 'zod';
import { idSchema, Limits, timestampSchema } from './common';

/**
 * The scene editor's side of scene text as a CRDT (issue 10): an open editor is bound to the
 * scene's Yjs document, pushes its own edits as Yjs updates and pulls what it lacks. Bytes
 * cross both transports as standard base64 (the browser mode's frames are JSON).
 */

/**
 * The most base64 one update (or one document state) may take: twice the scene size limit of
 * raw bytes (a Yjs update of a document is about as big as its JSON; a paste that replaces a
 * whole scene carries the deletion beside the new text), which still fits a `large` frame.
 */
export const SCENE_DOC_MAX_BASE64 = 4 * Math.ceil((2 * Limits.documentBytes) / 3);

const bytesSchema = z.base64().max(SCENE_DOC_MAX_BASE64, { message: 'These changes are too large to send at once.' });

/** scene.doc.push: the editor's own updates, merged into one, and its document's state vector. */
export const sceneDocPushSchema = z
  .object({
    id: idSchema,
    /** A Yjs update (several merged with `Y.mergeUpdates`); sending it twice is harmless. */
    update: bytesSchema,
    /** The editor's `Y.encodeStateVector`: the answer carries what it lacks. */
    stateVector: bytesSchema,
  })
  .strict();

/** scene.doc.pull: what the editor lacks, given its state vector. */
export const sceneDocPullSchema = z.object({ id: idSchema, stateVector: bytesSchema }).strict();

/** The scene's document, or the part of it a caller lacks, at a revision of the scene. */
export const sceneDocStateSchema = z.object({
  id: idSchema,
  /** The scene's revision once this update is applied (as `scene.get` and `scene.saved` count them). */
  revision: z.number().int().nonnegative(),
  /** A Yjs update, base64. */
  update: z.base64(),
});
export type SceneDocState = z.infer<typeof sceneDocStateSchema>;

/** What scene.doc.push answers: the scene after the push, and what the editor lacks. */
export const sceneDocPushedSchema = sceneDocStateSchema.extend({
  wordCount: z.number().int().nonnegative(),
  /** When the update was stored; null when it held nothing new (sent twice, say). */
  savedAt: timestampSchema.nullable(),
});
export type SceneDocPushed = z.infer<typeof sceneDocPushedSchema>;
