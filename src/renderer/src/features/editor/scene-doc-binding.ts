import { Extension } from '@tiptap/core';
import { Plugin, type Transaction } from '@tiptap/pm/state';
import { redo, undo, ySyncPlugin, yUndoPlugin, yUndoPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';

/**
 * The Y.XmlFragment of a scene's document that holds its text. The same name as the core's
 * `FRAGMENT_NAME` (src/main/core/sync/scene-docs/yjs-text.ts): TipTap's Collaboration default.
 */
export const SCENE_FRAGMENT = 'default';

/**
 * The key prosemirror-history's `closeHistory` sets on a transaction. Inline features (an
 * accepted suggestion) close the undo step with it; bound to Yjs, the same transaction stops
 * the Yjs undo manager's capturing, so the step stays its own. A test checks the key.
 */
export const CLOSE_HISTORY_META = 'closeHistory$';

/**
 * The origin of the writer's own changes applied to the document from the crash journal (typed
 * in a window that closed before they were stored). The undo manager tracks them like typing,
 * each as an undo step of its own, as it does {@link OWN_FROM_CORE}.
 */
export const OWN_CHANGE = Symbol('scene-doc:own-change');

/** The origin of the writer's own change pulled from the core (an approved proposal): undoable, and not sent back. */
export const OWN_FROM_CORE = Symbol('scene-doc:own-from-core');

interface UndoState {
  undoManager: Y.UndoManager;
}

const undoManagerOf = (state: Parameters<typeof undo>[0]): Y.UndoManager | null =>
  (yUndoPluginKey.getState(state) as UndoState | undefined)?.undoManager ?? null;

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    sceneDocBinding: {
      /** Undoes this writer's last own change (never text that arrived from elsewhere). */
      undo: () => ReturnType;
      /** Redoes it. */
      redo: () => ReturnType;
    };
  }
}

export interface SceneDocBindingOptions {
  /** The fragment of the scene's Y.Doc the editor shows and edits. */
  fragment: Y.XmlFragment | null;
}

/**
 * Binds the editor to the scene's Yjs document (y-tiptap's sync and undo plugins): every change
 * in the editor becomes a Yjs operation of its own, and changes applied to the document from
 * elsewhere show in the editor with the selection kept. Undo and redo replace ProseMirror's
 * history: they take back only what this editor did. (TipTap's Collaboration extension is this
 * much, without its content checks and cursor awareness, which Nova Studio does not use.)
 */
export const SceneDocBinding = Extension.create<SceneDocBindingOptions>({
  name: 'sceneDocBinding',
  priority: 1000,

  addOptions() {
    return { fragment: null };
  },

  addCommands() {
    return {
      undo:
        () =>
        ({ state, dispatch, tr }) => {
          tr.setMeta('preventDispatch', true);
          const manager = undoManagerOf(state);
          if (!manager || manager.undoStack.length === 0) return false;
          if (!dispatch) return true;
          return undo(state) === true;
        },
      redo:
        () =>
        ({ state, dispatch, tr }) => {
          tr.setMeta('preventDispatch', true);
          const manager = undoManagerOf(state);
          if (!manager || manager.redoStack.length === 0) return false;
          if (!dispatch) return true;
          return redo(state) === true;
        },
    };
  },

  addKeyboardShortcuts() {
    return {
      'Mod-z': () => this.editor.commands.undo(),
      'Shift-Mod-z': () => this.editor.commands.redo(),
      'Mod-y': () => this.editor.commands.redo(),
    };
  },

  addProseMirrorPlugins() {
    const { fragment } = this.options;
    if (!fragment) throw new Error('SceneDocBinding needs the scene document’s fragment.');
    return [ySyncPlugin(fragment), restorableUndoPlugin(), closeUndoStepPlugin()];
  },
});

/**
 * y-tiptap's undo plugin, made to survive a new view on the same state. TipTap may destroy the
 * editor's view and make another over the same state (React's strict mode mounts twice); the
 * plugin's view destroys the undo manager, which lives in the state. As TipTap's Collaboration
 * extension does, its listeners are put back when the next view starts.
 */
function restorableUndoPlugin(): Plugin {
  const plugin = yUndoPlugin({ trackedOrigins: [OWN_CHANGE, OWN_FROM_CORE] });
  const original = plugin.spec.view;
  plugin.spec.view = (view) => {
    const manager = undoManagerOf(view.state) as RestorableManager | null;
    manager?.restoreAfterDestroy?.();
    if (manager) manager.restoreAfterDestroy = undefined;
    const inner = original?.(view);
    // An own change from outside is one undo step: typing just before or after it is not merged in.
    const ownStep = (transaction: Y.Transaction) => {
      if (transaction.origin === OWN_CHANGE || transaction.origin === OWN_FROM_CORE) manager?.stopCapturing();
    };
    manager?.doc.on('beforeTransaction', ownStep);
    manager?.doc.on('afterTransaction', ownStep);
    return {
      ...inner,
      destroy: () => {
        manager?.doc.off('beforeTransaction', ownStep);
        manager?.doc.off('afterTransaction', ownStep);
        if (manager) {
          const tracksItself = manager.trackedOrigins.has(manager);
          const observers = manager._observers;
          manager.restoreAfterDestroy = () => {
            if (tracksItself) manager.trackedOrigins.add(manager);
            manager.doc.on('afterTransaction', manager.afterTransactionHandler);
            manager._observers = observers;
          };
        }
        inner?.destroy?.();
      },
    };
  };
  return plugin;
}

type RestorableManager = Y.UndoManager & { restoreAfterDestroy?: (() => void) | undefined };

/** Ends the current undo step where a transaction closes the history (see {@link CLOSE_HISTORY_META}). */
function closeUndoStepPlugin(): Plugin {
  return new Plugin({
    appendTransaction(transactions: readonly Transaction[], _old, state) {
      if (transactions.some((tr) => tr.getMeta(CLOSE_HISTORY_META) === true)) undoManagerOf(state)?.stopCapturing();
      return null;
    },
  });
}
