import type { Editor } from '@tiptap/core';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ErrorCode } from '../../../../shared/ipc/errors';
import { checkSceneSize } from '../../../../shared/text/scene-size';
import type { DocNode } from '../../../../shared/models/document';
import type { Scene, SceneSaved } from '../../../../shared/models/manuscript';
import { useApi } from '../../app/services';
import { ApiError, errorMessage, type Api } from '../../lib/api';
import { createAutosave, type Autosave, type AutosaveStatus, type SaveFailure } from './autosave';
import type { CrashJournal } from './crash-journal';
import { useEditorSession } from './editor-session.store';
import { adoptMergedContent, showExternalContent } from './external-change';

/** Offline and timeouts retry; a stale revision is a conflict; anything else waits for the next change. */
export function classifySaveError(error: unknown): SaveFailure {
  if (error instanceof ApiError) {
    if (error.code === ErrorCode.CONFLICT) return 'conflict';
    if (error.retryable || error.code === ErrorCode.DISCONNECTED) return 'retry';
    return 'fatal';
  }
  return 'retry';
}

export interface SceneSaveState {
  status: AutosaveStatus;
  /** The core's sentence for the last failure, when status is offline or error. */
  error: string | null;
  /**
   * While the scene is too large to save: the sentence saying so. Kept through later attempts
   * (they fail the same way until the text shrinks) and cleared once a save succeeds.
   */
  tooLarge: string | null;
  /** Saves now. */
  flush(): Promise<void>;
  /** After a conflict: store my text on top of the newest revision. */
  keepMine(): Promise<void>;
  /** After a conflict: show the stored text and drop mine. */
  loadSaved(): Promise<void>;
  /** Marks the current editor content as changed (after recovering a journal copy). */
  markChanged(): void;
}

const sameDoc = (a: DocNode, b: DocNode) => JSON.stringify(a) === JSON.stringify(b);

/** How long a reopened scene waits for the previous editor's last save before loading. */
export const PENDING_SAVE_WAIT_MS = 3_000;

/**
 * Wires an editor to the autosave: every change goes to the crash journal and the debounced
 * save; saves flush on blur, on hide, on page unload and when the editor closes.
 */
export function useSceneAutosave(
  editor: Editor | null,
  scene: Scene,
  journal: CrashJournal,
  onMeta: (scene: Scene) => void,
): SceneSaveState {
  const api = useApi();
  const onMetaRef = useRef<((scene: Scene) => void) | null>(onMeta);
  useLayoutEffect(() => {
    onMetaRef.current = onMeta;
  });
  const [status, setStatus] = useState<AutosaveStatus>('saved');
  const [error, setError] = useState<string | null>(null);
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const autosaveRef = useRef<Autosave<DocNode> | null>(null);
  const sceneId = scene.id;

  useEffect(() => {
    if (!editor) return undefined;
    let lastSent: DocNode | null = null;
    const autosave: Autosave<DocNode> = createAutosave<DocNode, SceneSaved>({
      initialRevision: scene.revision,
      save: (content, baseRevision, ownBase) => {
        // A scene the core would refuse is not sent at all: past the transport's frame cap it
        // would get no answer, only a dropped connection and retries.
        const refusal = checkSceneSize(JSON.stringify(content));
        if (refusal) return Promise.reject(new ApiError(refusal.code, refusal.message, refusal.retryable));
        lastSent = content;
        return api.call('scene.save', { id: sceneId, content, baseRevision, ...(ownBase && { ownBase }) });
      },
      classify: classifySaveError,
      onStatus: (next, failure) => {
        if (next === 'conflict') {
          void settleConflict(api, autosave, lastSent, sceneId).then((own) => {
            if (!own) setStatus('conflict');
          });
          return;
        }
        setStatus(next);
        setError(failure ? errorMessage(failure) : null);
        if (failure instanceof ApiError && failure.code === ErrorCode.SCENE_TOO_LARGE) setTooLarge(failure.message);
        else if (next === 'saved' || failure) setTooLarge(null);
      },
      onSaved: (_result, _content, upToDate) => {
        if (upToDate) journal.clear(sceneId);
      },
      // A save merged with another window's or device's edits: show them, caret kept with its text.
      mergedOf: (result) => result.content,
      adopt: (content) => {
        if (!editor.isDestroyed) adoptMergedContent(editor, content);
      },
    });
    autosaveRef.current = autosave;

    const onUpdate = () => {
      const content = editor.getJSON() as DocNode;
      journal.write({ sceneId, content, baseRevision: autosave.revision(), writtenAt: Date.now() });
      autosave.change(content);
    };
    const flush = () => void autosave.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!autosave.hasUnsaved()) return;
      flush();
      // The journal already holds the text; the prompt gives the save a moment to land.
      event.preventDefault();
      event.returnValue = '';
    };
    editor.on('update', onUpdate);
    editor.on('blur', flush);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', onBeforeUnload);
    const unregister = useEditorSession.getState().registerFlush(async () => {
      await autosave.flush();
      return !autosave.hasUnsaved();
    });

    return () => {
      editor.off('update', onUpdate);
      editor.off('blur', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', onBeforeUnload);
      unregister();
      autosaveRef.current = null;
      // Scene switch or close: save what is waiting; a reopen of this scene waits for it.
      const last = autosave.flush().finally(() => autosave.dispose());
      useEditorSession.getState().trackPendingSave(sceneId, last);
    };
    // The scene's revision only seeds the autosave; later revisions come from its saves.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor, sceneId, journal]);

  const flush = useCallback(async () => {
    await autosaveRef.current?.flush();
  }, []);

  const keepMine = useCallback(async () => {
    const autosave = autosaveRef.current;
    if (!autosave) return;
    try {
      const latest = await api.call('scene.get', { id: sceneId });
      setStatus('saving');
      await autosave.overwrite(latest.revision);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [api, sceneId]);

  const loadSaved = useCallback(async () => {
    const autosave = autosaveRef.current;
    if (!autosave || !editor) return;
    try {
      const latest = await api.call('scene.get', { id: sceneId });
      editor.commands.setContent(latest.content, { emitUpdate: false });
      autosave.reset(latest.revision);
      journal.clear(sceneId);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [api, editor, journal, sceneId]);

  const markChanged = useCallback(() => {
    if (!editor || !autosaveRef.current) return;
    const content = editor.getJSON() as DocNode;
    journal.write({ sceneId, content, baseRevision: autosaveRef.current.revision(), writtenAt: Date.now() });
    autosaveRef.current.change(content);
  }, [editor, journal, sceneId]);

  useCoreSync(editor, scene, autosaveRef, onMetaRef);

  return { status, error, tooLarge, flush, keepMine, loadSaved, markChanged };
}

/**
 * A save answered with CONFLICT may be our own earlier save whose answer was lost with the
 * connection. If the stored text is what we sent, adopt its revision and carry on quietly.
 * Resolves true when it was ours.
 */
async function settleConflict(api: Api, autosave: Autosave<DocNode>, lastSent: DocNode | null, sceneId: string): Promise<boolean> {
  if (!lastSent) return false;
  try {
    const stored = await api.call('scene.get', { id: sceneId });
    if (!sameDoc(stored.content, lastSent)) return false;
    await autosave.overwrite(stored.revision);
    return true;
  } catch {
    return false;
  }
}

/**
 * Keeps an idle editor in step with the core: when another window saves this scene, another
 * device's edits are merged into it, or a snapshot restore rewrites it, and nothing is waiting
 * to be saved here, show the new text. With unsaved text here, nothing is replaced: the next
 * save is merged with the newer text and its answer brings the merge.
 * Title, status and the rest (renamed in the tree, say) are passed to `onMetaRef`.
 */
function useCoreSync(
  editor: Editor | null,
  scene: Scene,
  autosaveRef: { current: Autosave<DocNode> | null },
  onMetaRef: { current: ((scene: Scene) => void) | null },
): void {
  const api = useApi();
  const sceneId = scene.id;
  const projectId = scene.projectId;
  useEffect(() => {
    if (!editor) return undefined;
    let busy = false;
    /** A change announced while a read was on its way: read again after it (that read may predate the change). */
    let again = false;
    const sync = async (knownRevision?: number): Promise<void> => {
      if (knownRevision !== undefined && knownRevision <= (autosaveRef.current?.revision() ?? Number.POSITIVE_INFINITY)) return;
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      try {
        const before = editor.state.doc;
        const latest = await api.call('scene.get', { id: sceneId });
        onMetaRef.current?.(latest);
        const current = autosaveRef.current;
        // Unsaved text here, typing meanwhile, or nothing new: leave the editor alone.
        if (!current || current.hasUnsaved() || current.status() === 'conflict') return;
        if (editor.isDestroyed || editor.state.doc !== before || latest.revision <= current.revision()) return;
        // One undoable step: an approved proposal (or another window's save) is undone with one Ctrl+Z.
        showExternalContent(editor, latest.content);
        current.reset(latest.revision);
      } catch {
        // The scene may have been deleted; the shell moves away from it.
      } finally {
        busy = false;
        if (again) {
          again = false;
          void sync();
        }
      }
    };
    const offSaved = api.on('scene.saved', (event) => {
      if (event.id === sceneId) void sync(event.revision);
    });
    const offSnapshot = api.on('snapshot.changed', (event) => {
      if (event.projectId === projectId) void sync();
    });
    const offOutline = api.on('outline.changed', (event) => {
      if (event.projectId === projectId) void sync();
    });
    return () => {
      offSaved();
      offSnapshot();
      offOutline();
    };
  }, [editor, sceneId, projectId, autosaveRef, onMetaRef, api]);
}
