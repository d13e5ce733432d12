import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { compact } from './scene-doc-sync';

describe('compact: the updates an editor sends, as one', () => {
  it('merges small updates as they are', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    const text = doc.getText('t');
    text.insert(0, 'ab');
    text.insert(2, 'c');
    expect(compact(doc, updates)).toEqual(Y.mergeUpdates(updates));
  });

  it('leaves out the content of a big insertion deleted since (a paste, then its undo), keeping both effects', () => {
    const doc = new Y.Doc();
    const base = new Y.Doc();
    doc.getText('t').insert(0, 'Kept.');
    Y.applyUpdate(base, Y.encodeStateAsUpdate(doc));
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    const text = doc.getText('t');
    // An undo manager, as the editor has: it keeps deleted text for redo.
    const undo = new Y.UndoManager(text);
    text.insert(5, 'x'.repeat(200_000));
    undo.stopCapturing();
    undo.undo();
    text.insert(5, ' More.');
    const sent = compact(doc, updates);
    expect(Y.mergeUpdates(updates).byteLength).toBeGreaterThan(200_000);
    expect(sent.byteLength).toBeLessThan(1_000);
    Y.applyUpdate(base, sent);
    expect(base.getText('t').toString()).toBe('Kept. More.');
  });
});
