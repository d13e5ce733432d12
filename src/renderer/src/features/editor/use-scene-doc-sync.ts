import type { Editor } from '@tiptap/core';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import * as Y from 'yjs';
import { ErrorCode } from '../../../../shared/ipc/errors';
import type { Scene } from '../../../../shared/models/manuscript';
import { checkSceneSize } from '../../../../shared/text/scene-size';
import { useApi } from '../../app/services';
import { ApiError, errorMessage } from '../../lib/api';
import { base64ToBytes, bytesToBase64 } from '../../lib/base64';
import { onReconnected } from '../../lib/on-reconnected';
import type { AutosaveStatus, SaveFailure } from './autosave';
import type { CrashJournal } from './crash-journal';
import { useEditorSession } from './editor-session.store';
import { OWN_CHANGE } from './scene-doc-binding';
import { createSceneDocSync, FROM_CORE, PUSH_DELAY_MS, type SceneDocSync } from './scene-doc-sync';

/** What the loader read of the scene's document. */
export interface LoadedDoc {
  /** The scene's revision the state is at. */
  revision: number;
  /** The whole document (a Yjs update). */
  state: Uint8Array;
  /** This window's changes found in the crash journal, never stored by the core; merged in on open. */
  unsent: Uint8Array | null;
}

/** How long a reopened scene waits for the previous editor's last push before loading. */
export const PENDING_SAVE_WAIT_MS = 3_000;

/** Offline and timeouts retry; anything else waits for the next change (or Try again). */
export function classifyPushError(error: unknown): SaveFailure {
  if (error instanceof ApiError) return error.retryable || error.code === ErrorCode.DISCONNECTED ? 'retry' : 'fatal';
  return 'retry';
}

export interface SceneSaveState {
  status: AutosaveStatus;
  /** The core's sentence for the last failure, when status is offline or error. */
  error: string | null;
  /** While the scene is too large to save: the sentence saying so (cleared once a push is stored). */
  tooLarge: string | null;
  /** Sends what waits now. */
  flush(): Promise<void>;
}

/**
 * The scene's Yjs document for one open editor: loaded with the core's state (plus this window's
 * unsent changes from the crash journal). Stable for the component's life.
 */
export function useSceneDoc(loaded: LoadedDoc): Y.Doc {
  const [doc] = useState(() => {
    const created = new Y.Doc();
    Y.applyUpdate(created, loaded.state, FROM_CORE);
    return created;
  });
  return doc;
}

/**
 * Wires an editor bound to the scene's document to the core: its own changes go to the crash
 * journal at once and to `scene.doc.push` after a pause in typing (at once on blur, hide, page
 * unload and when the editor closes); changes stored elsewhere (another window, an agent's or an
 * import's `scene.save`, a snapshot restore, another device) are pulled on `scene.saved` and when
 * the connection comes back, and show in the editor with the caret kept.
 */
export function useSceneDocSync(
  editor: Editor | null,
  doc: Y.Doc,
  scene: Scene,
  loaded: LoadedDoc,
  journal: CrashJournal,
  onMeta: (scene: Scene) => void,
): SceneSaveState {
  const api = useApi();
  const onMetaRef = useRef(onMeta);
  useLayoutEffect(() => {
    onMetaRef.current = onMeta;
  });
  const [status, setStatus] = useState<AutosaveStatus>('saved');
  const [error, setError] = useState<string | null>(null);
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const syncRef = useRef<SceneDocSync | null>(null);
  const sceneId = scene.id;
  const projectId = scene.projectId;

  useEffect(() => {
    if (!editor) return undefined;
    const sync = createSceneDocSync({
      doc,
      initialRevision: loaded.revision,
      delayMs: PUSH_DELAY_MS,
      push: async (update, stateVector) => {
        const pushed = await api.call('scene.doc.push', { id: sceneId, update: bytesToBase64(update), stateVector: bytesToBase64(stateVector) });
        return { revision: pushed.revision, update: base64ToBytes(pushed.update) };
      },
      pull: async (stateVector) => {
        const pulled = await api.call('scene.doc.pull', { id: sceneId, stateVector: bytesToBase64(stateVector) });
        return { revision: pulled.revision, update: base64ToBytes(pulled.update) };
      },
      // A scene the core would refuse is not sent at all: it would only be refused again.
      check: () => {
        if (editor.isDestroyed) return;
        const refusal = checkSceneSize(JSON.stringify(editor.getJSON()));
        if (refusal) throw new ApiError(refusal.code, refusal.message, refusal.retryable);
      },
      classify: classifyPushError,
      onUnsent: (unsent) => {
        if (unsent === null) journal.clear(sceneId);
        else journal.write({ sceneId, updates: bytesToBase64(unsent), baseRevision: sync.revision(), writtenAt: Date.now() });
      },
      onStatus: (next, failure) => {
        setStatus(next);
        setError(failure ? errorMessage(failure) : null);
        if (failure instanceof ApiError && failure.code === ErrorCode.SCENE_TOO_LARGE) setTooLarge(failure.message);
        else if (next === 'saved' || failure) setTooLarge(null);
      },
    });
    syncRef.current = sync;
    // Changes from the journal (typed in an earlier window, never stored) are this editor's own: they are sent.
    if (loaded.unsent) {
      applyUnsent(doc, loaded.unsent);
      // Nothing of it was new (the core had stored it after all): the copy has done its job.
      if (!sync.hasUnsaved()) journal.clear(sceneId);
    }

    const flush = () => void sync.flush();
    const pull = () => void sync.pull().catch(() => undefined);
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!sync.hasUnsaved()) return;
      flush();
      // The journal already holds the changes; the prompt gives the push a moment to land.
      event.preventDefault();
      event.returnValue = '';
    };
    editor.on('blur', flush);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', onBeforeUnload);
    const offSaved = api.on('scene.saved', (event) => {
      if (event.id === sceneId && event.revision > sync.revision()) pull();
    });
    const offReconnected = onReconnected(api, pull);
    const unregister = useEditorSession.getState().registerFlush(async () => {
      await sync.flush();
      return !sync.hasUnsaved();
    });
    const unregisterOwn = useEditorSession.getState().registerOwnChanges(sceneId, () => sync.expectOwn());

    return () => {
      editor.off('blur', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', onBeforeUnload);
      offSaved();
      offReconnected();
      unregister();
      unregisterOwn();
      syncRef.current = null;
      // Scene switch or close: send what waits; a reopen of this scene waits for it.
      const last = sync.flush().finally(() => sync.dispose());
      useEditorSession.getState().trackPendingSave(sceneId, last);
    };
    // The loaded state only seeds the document; later changes come through the sync.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor, doc, sceneId, journal, api]);

  useSceneMeta(sceneId, projectId, onMetaRef);

  const flush = useCallback(async () => {
    await syncRef.current?.flush();
  }, []);
  return { status, error, tooLarge, flush };
}

/** Applies journal changes as this editor's own; a copy that does not decode is dropped (it cannot be applied anyway). */
function applyUnsent(doc: Y.Doc, unsent: Uint8Array): void {
  try {
    Y.applyUpdate(doc, unsent, OWN_CHANGE);
  } catch {
    // A damaged copy: the text it held cannot be read back.
  }
}

/** Title, status and the rest (renamed in the tree, say; a restore) are re-read when the outline or snapshots change. */
function useSceneMeta(sceneId: string, projectId: string, onMetaRef: { current: (scene: Scene) => void }): void {
  const api = useApi();
  useEffect(() => {
    let latest = 0;
    const reread = () => {
      const asked = (latest += 1);
      api.call('scene.get', { id: sceneId }).then(
        (scene) => asked === latest && onMetaRef.current(scene),
        () => undefined, // The scene may have been deleted; the shell moves away from it.
      );
    };
    const offOutline = api.on('outline.changed', (event) => event.projectId === projectId && reread());
    const offSnapshot = api.on('snapshot.changed', (event) => event.projectId === projectId && reread());
    return () => {
      offOutline();
      offSnapshot();
    };
  }, [api, sceneId, projectId, onMetaRef]);
}
