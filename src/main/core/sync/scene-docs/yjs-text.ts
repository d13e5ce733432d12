import { createHash } from 'node:crypto';
import { getSchema } from '@tiptap/core';
import type { Node as PmNode, Schema } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { emptyDocument, type DocNode } from '../../../../shared/models/document';
import { diffDocumentInto } from './block-diff';

/** The Y.XmlFragment holding the text: TipTap's Collaboration default, so an editor could bind it directly. */
export const FRAGMENT_NAME = 'default';

/**
 * The editor's document schema, built headless. Same StarterKit options as the renderer's
 * `documentExtensions()` (features/editor/editor-extensions.ts): the node and mark set and their
 * attributes must match, or the JSON materialised here would differ from the editor's.
 */
export function createDocumentSchema(): Schema {
  return getSchema([
    StarterKit.configure({
      heading: { levels: [1, 2, 3] },
      link: { openOnClick: false, autolink: true, linkOnPaste: true, defaultProtocol: 'https' },
      trailingNode: { node: 'paragraph' },
    }),
  ]);
}

/** Editor JSON as a ProseMirror node of `schema`; an unknown shape is INVALID_INPUT. */
export function toProseMirror(schema: Schema, content: DocNode): PmNode {
  try {
    const node = schema.nodeFromJSON(content);
    node.check();
    return node;
  } catch (cause) {
    throw new AppError(ErrorCode.INVALID_INPUT, 'The scene’s text does not fit the editor’s document structure.', { cause });
  }
}

/** The document's text as a ProseMirror node; an empty fragment reads as the empty document. */
export function materialise(schema: Schema, doc: Y.Doc): PmNode {
  const fragment = doc.getXmlFragment(FRAGMENT_NAME);
  if (fragment.length === 0) return schema.nodeFromJSON(emptyDocument());
  return yXmlFragmentToProseMirrorRootNode(fragment, schema);
}

/**
 * Diffs `node` into the document's fragment (blocks aligned, changed text edited in place, see
 * block-diff.ts), so the update holds only what changed — never a full replace, which would
 * duplicate or drop text when merged with a concurrent edit. Returns the update, or null when
 * the document already had this text.
 */
export function diffInto(doc: Y.Doc, node: PmNode): Uint8Array | null {
  let update: Uint8Array | null = null;
  const capture = (bytes: Uint8Array) => {
    update = update === null ? bytes : Y.mergeUpdates([update, bytes]);
  };
  doc.on('update', capture);
  try {
    diffDocumentInto(doc, doc.getXmlFragment(FRAGMENT_NAME), node, node.type.schema);
  } finally {
    doc.off('update', capture);
  }
  return update;
}

/** A document from updates (a base state, then log entries, in order). */
export function docFrom(updates: Iterable<Uint8Array>, clientId?: number): Y.Doc {
  const doc = new Y.Doc();
  if (clientId !== undefined) doc.clientID = clientId;
  Y.transact(doc, () => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  return doc;
}

/**
 * The Yjs client id that seeds a scene's pre-existing text: the first 32 bits of
 * SHA-256(scene id, text). Two devices holding the same scene with the same text (a database
 * restored from a backup, say) build byte-identical structs, which Yjs deduplicates when their
 * documents meet; different text gets a different id, so both texts survive rather than one
 * silently shadowing the other under the same struct ids.
 */
export function seedClientId(sceneId: string, contentJson: string): number {
  const digest = createHash('sha256').update(sceneId).update('\0').update(contentJson).digest();
  return digest.readUInt32BE(0);
}

/**
 * The first state of a scene's document, deterministic in (scene id, content): an empty
 * document for an empty scene (so new scenes start from nothing and no device adds a stray
 * paragraph), otherwise the text diffed in by the seed client id.
 */
export function seedState(schema: Schema, sceneId: string, content: DocNode): Uint8Array {
  const node = schema.nodeFromJSON(content);
  const doc = new Y.Doc();
  if (node.eq(schema.nodeFromJSON(emptyDocument()))) return Y.encodeStateAsUpdate(doc);
  doc.clientID = seedClientId(sceneId, JSON.stringify(node.toJSON()));
  diffInto(doc, node);
  return Y.encodeStateAsUpdate(doc);
}

/** True when the document holds structs it could not integrate yet (an update whose predecessors are missing). */
export function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

const unreadableVector = (cause: unknown) => new AppError(ErrorCode.INVALID_INPUT, 'The editor’s document state could not be read.', { cause });

/** The document's state as an update, or what a holder of `stateVector` lacks; INVALID_INPUT for an unreadable vector. */
export function encodeOrInvalid(doc: Y.Doc, stateVector: Uint8Array | undefined): Uint8Array {
  try {
    return Y.encodeStateAsUpdate(doc, stateVector);
  } catch (cause) {
    throw unreadableVector(cause);
  }
}

/** What a holder of `stateVector` lacks of `update`; INVALID_INPUT for an unreadable vector. */
export function diffOrInvalid(update: Uint8Array, stateVector: Uint8Array): Uint8Array {
  try {
    return Y.diffUpdate(update, stateVector);
  } catch (cause) {
    throw unreadableVector(cause);
  }
}

/** The Yjs clients that wrote an update's structs. */
export function clientsOf(update: Uint8Array): Set<number> {
  return new Set(Y.decodeUpdate(update).structs.map((struct) => struct.id.client));
}
