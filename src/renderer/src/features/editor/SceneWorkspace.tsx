import { EditorContent, useEditor } from '@tiptap/react';
import { History, TriangleAlert } from 'lucide-react';
import { useCallback, useEffect, useState, type JSX, type MouseEvent } from 'react';
import type { Scene, SceneMeta } from '../../../../shared/models/manuscript';
import { useApi, useStores } from '../../app/services';
import { Button, formatRelativeTime, notify } from '../../ui';
import type { CodexStore } from '../codex';
import { InlineAiLayer } from '../inline-ai';
import { useNavigation } from '../project/navigation.store';
import type { CrashJournal, TextCopy } from './crash-journal';
import { editorExtensions } from './editor-extensions';
import { usePublishSelection } from './editor-selection.store';
import { useCodexMentions, useConnectionStatus, useLiveWordCount, usePendingFind } from './editor-hooks';
import { EditorNotice } from './EditorNotice';
import { EditorToolbar } from './EditorToolbar';
import { RecoveryPreview } from './RecoveryPreview';
import { SaveStatus } from './SaveStatus';
import type { SceneMetaPatch } from './SceneDetails';
import { SceneHeader } from './SceneHeader';
import { SCENE_FRAGMENT } from './scene-doc-binding';
import { useSceneDoc, useSceneDocSync, type LoadedDoc } from './use-scene-doc-sync';
import './ScenePage.css';

export interface SceneWorkspaceProps {
  scene: Scene;
  /** The scene's Yjs document as the core holds it (and this window's unsent changes). */
  loaded: LoadedDoc;
  journal: CrashJournal;
  /** Unsaved whole text from an earlier session (before the editor was bound to Yjs), unlike the stored scene. */
  recovery: TextCopy | null;
}

/** Ctrl/Cmd-click on a highlighted name opens its codex entry. */
function openCodexEntry(useCodexStore: CodexStore, id: string): void {
  useCodexStore.getState().setFocus(id);
  useNavigation.getState().setPanel('codex');
}

const metaOf = ({ content: _content, ...meta }: Scene): SceneMeta => meta;

/** A loaded scene: header, toolbar and the page, bound to the scene's Yjs document. */
export function SceneWorkspace({ scene, loaded, journal, recovery: initialRecovery }: SceneWorkspaceProps): JSX.Element {
  const api = useApi();
  const { usePrefs, useCodexStore } = useStores();
  const [meta, setMeta] = useState<SceneMeta>(() => metaOf(scene));
  const [recovery, setRecovery] = useState(initialRecovery);
  const fontSize = usePrefs((state) => state.prefs.editorFontSize);
  const doc = useSceneDoc(loaded);

  const editor = useEditor({
    // The text comes from the document: the sync plugin renders its fragment when the view starts.
    extensions: editorExtensions((id) => openCodexEntry(useCodexStore, id), doc.getXmlFragment(SCENE_FRAGMENT)),
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editable: initialRecovery === null,
    editorProps: {
      attributes: { class: 'scene-prose', spellcheck: 'true', 'aria-label': 'Scene text' },
    },
  });

  const onMeta = useCallback((latest: Scene) => setMeta(metaOf(latest)), []);
  const save = useSceneDocSync(editor, doc, scene, loaded, journal, onMeta);
  const words = useLiveWordCount(editor, scene.id, scene.wordCount);
  useCodexMentions(editor, scene.projectId);
  usePendingFind(editor, scene.id);
  usePublishSelection(editor, scene.id);
  const connection = useConnectionStatus();
  const waiting = save.status === 'saving' || save.status === 'dirty';
  const shownStatus = waiting && connection !== 'open' ? 'offline' : save.status;

  useEffect(() => {
    if (!usePrefs.getState().loaded) void usePrefs.getState().load();
  }, [usePrefs]);

  const updateMeta = useCallback(
    (patch: SceneMetaPatch) => {
      const before = meta;
      setMeta({ ...meta, ...patch });
      api
        .call('scene.update', { id: meta.id, ...patch })
        .then((updated) => setMeta((current) => ({ ...current, ...updated })))
        .catch((error: unknown) => {
          setMeta(before);
          notify.error(error, { title: 'Could not update the scene' });
        });
    },
    [api, meta],
  );

  const [recovering, setRecovering] = useState(false);
  const recover = async () => {
    if (!editor || !recovery || recovering) return;
    setRecovering(true);
    try {
      // The saved text is about to be replaced: keep it as a snapshot, so nothing is lost.
      await api.call('snapshot.create', { scope: 'scene', targetId: scene.id, label: 'Before recovering unsaved text' });
    } catch (error) {
      notify.error(error, { title: 'Nothing was changed: a copy of the saved text could not be kept' });
      return;
    } finally {
      setRecovering(false);
    }
    editor.setEditable(true);
    // Through the binding, the recovered text becomes this editor's own change, sent like typing.
    editor.commands.setContent(recovery.content);
    setRecovery(null);
    editor.commands.focus('end');
  };

  const discardRecovery = () => {
    journal.clear(scene.id);
    setRecovery(null);
    editor?.setEditable(true);
  };

  const focusEnd = (event: MouseEvent<HTMLDivElement>) => {
    // A click in the margin below the text puts the caret at its end, like a page.
    if (event.target === event.currentTarget && editor) {
      event.preventDefault();
      editor.commands.focus('end');
    }
  };

  return (
    <div className="scene-editor">
      <SceneHeader
        meta={meta}
        words={words}
        onChange={updateMeta}
        onEnterText={() => editor?.commands.focus('start')}
        saveStatus={<SaveStatus status={shownStatus} error={save.error} onRetry={() => void save.flush()} />}
      />
      {editor && <EditorToolbar editor={editor} />}
      {save.tooLarge !== null && (
        <EditorNotice
          tone="warning"
          icon={<TriangleAlert size={18} />}
          title="Not saved."
          data-testid="scene-too-large"
          actions={
            <Button
              size="sm"
              // Keep the caret in the text: a blur would start another save attempt first.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => editor?.chain().focus().undo().run()}
              data-testid="scene-too-large-undo"
            >
              Undo the last change
            </Button>
          }
        >
          {save.tooLarge} Your text stays here, with a recovery copy in this window, until it is short enough to save.
        </EditorNotice>
      )}
      {recovery && (
        <EditorNotice
          tone="info"
          icon={<History size={18} />}
          title="Unsaved text found."
          data-testid="recovery-notice"
          details={<RecoveryPreview unsaved={recovery.content} writtenAt={recovery.writtenAt} saved={scene.content} />}
          actions={
            <>
              <Button size="sm" onClick={discardRecovery} data-testid="recovery-discard">
                Discard it
              </Button>
              <Button size="sm" variant="primary" busy={recovering} onClick={() => void recover()} data-testid="recovery-restore">
                Recover it
              </Button>
            </>
          }
        >
          This window has text for this scene from {formatRelativeTime(recovery.writtenAt)} that never reached the disk. Recovering
          replaces the saved text, which is kept as a snapshot first; discarding keeps the saved text.
        </EditorNotice>
      )}
      <div className="scene-editor__scroll" onMouseDown={focusEnd}>
        <div className="scene-editor__page" style={{ fontSize: `${fontSize}px` }} data-testid="scene-editor">
          <EditorContent editor={editor} />
        </div>
        {editor && <InlineAiLayer editor={editor} sceneId={scene.id} />}
      </div>
    </div>
  );
}
