import type { Editor } from '@tiptap/core';
import { useEffect, useState } from 'react';
import { useApi, useStores } from '../../app/services';
import type { ConnectionStatus } from '../../lib/transport';
import type { DocNode } from '../../../../shared/models/document';
import { countDocumentWords } from '../../../../shared/text/document-text';
import { useCodex } from '../codex';
import { useNavigation } from '../project/navigation.store';
import { setMentionEntries } from './codex-mentions';
import { useEditorSession } from './editor-session.store';
import { findText } from './find-text';

/** Counting a long scene takes a few milliseconds, so it runs once typing pauses briefly. */
const COUNT_DELAY_MS = 150;

/**
 * The scene's live word count, counted by the same function on the same document as the core
 * counts a save (shared/text/document-text.ts), so the header, the tree and the session
 * statistics agree. The figure is also published for the session statistics.
 */
export function useLiveWordCount(editor: Editor | null, sceneId: string, storedWords: number): number {
  const [words, setWords] = useState(storedWords);
  useEffect(() => {
    if (!editor) return undefined;
    const session = useEditorSession.getState();
    const count = () => {
      const next = countDocumentWords(editor.getJSON() as DocNode);
      setWords(next);
      useEditorSession.getState().setLive(sceneId, next);
    };
    count();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onUpdate = () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        count();
      }, COUNT_DELAY_MS);
    };
    editor.on('update', onUpdate);
    return () => {
      editor.off('update', onUpdate);
      if (timer !== null) {
        clearTimeout(timer);
        if (!editor.isDestroyed) count();
      }
      session.clearLive(sceneId);
    };
  }, [editor, sceneId]);
  return words;
}

/** Feeds the project's codex to the mention highlighter and keeps it current. */
export function useCodexMentions(editor: Editor | null, projectId: string): void {
  const { useCodexStore } = useStores();
  useCodex(projectId);
  const entries = useCodexStore((state) => (state.projectId === projectId ? state.entries : null));
  useEffect(() => {
    if (editor && entries) setMentionEntries(editor, entries);
  }, [editor, entries]);
}

/** A search hit opened this scene: select the text, centre it, then forget the request. */
export function usePendingFind(editor: Editor | null, sceneId: string): void {
  const pending = useNavigation((state) => state.pendingFind);
  useEffect(() => {
    if (!editor || !pending || pending.sceneId !== sceneId) return;
    const range = findText(editor.state.doc, pending.text);
    if (range) {
      editor.chain().focus(undefined, { scrollIntoView: false }).setTextSelection(range).run();
      const { node } = editor.view.domAtPos(range.from);
      const element = node instanceof Element ? node : node.parentElement;
      element?.scrollIntoView({ block: 'center' });
    }
    useNavigation.getState().consumePendingFind();
  }, [editor, pending, sceneId]);
}

/**
 * The transport's state. While the socket is down a save waits in the transport's queue rather
 * than failing, so the save status needs this to say "offline" instead of "saving" meanwhile.
 */
export function useConnectionStatus(): ConnectionStatus {
  const api = useApi();
  const [status, setStatus] = useState<ConnectionStatus>('open');
  useEffect(() => api.onStatus(setStatus), [api]);
  return status;
}
