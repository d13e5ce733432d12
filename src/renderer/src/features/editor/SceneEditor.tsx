import { FileWarning } from 'lucide-react';
import { useEffect, useMemo, useState, type JSX } from 'react';
import type { Scene } from '../../../../shared/models/manuscript';
import { useApi } from '../../app/services';
import { errorMessage, type Api } from '../../lib/api';
import { Button, EmptyState } from '../../ui';
import { browserJournal, journalIsNewer, type CrashJournal, type TextCopy } from './crash-journal';
import { useEditorSession } from './editor-session.store';
import { SceneWorkspace } from './SceneWorkspace';
import { PENDING_SAVE_WAIT_MS, type LoadedDoc } from './use-scene-doc-sync';
import { base64ToBytes } from '../../lib/base64';
import './SceneEditor.css';

export interface SceneEditorProps {
  projectId: string;
  sceneId: string;
}

/**
 * The writing surface for one scene: it loads the scene and its Yjs document, then edits it
 * bound to that document (every change is sent to the core), with live word count, codex
 * highlights and formatting. Switching `sceneId` sends what waits of the old scene first.
 */
export function SceneEditor({ projectId, sceneId }: SceneEditorProps): JSX.Element {
  // A restore (or another reason to reload) bumps this and remounts the editor on fresh text.
  const reload = useEditorSession((state) => state.reloads[sceneId] ?? 0);
  return <SceneLoader key={`${sceneId}:${reload}`} projectId={projectId} sceneId={sceneId} />;
}

type LoadState =
  | { phase: 'loading' }
  | { phase: 'error'; message: string }
  | { phase: 'ready'; scene: Scene; doc: LoadedDoc; recovery: TextCopy | null };

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function loadScene(api: Api, sceneId: string, journal: CrashJournal): Promise<LoadState> {
  // The previous editor of this scene may still be saving its last words: let that land first.
  const pending = useEditorSession.getState().pendingSaves.get(sceneId);
  if (pending) await Promise.race([pending.catch(() => undefined), wait(PENDING_SAVE_WAIT_MS)]);
  const scene = await api.call('scene.get', { id: sceneId });
  const state = await api.call('scene.doc.open', { id: sceneId });
  const copy = await journal.read(sceneId);
  // Changes this window typed that never reached the core: merged back in (Yjs updates apply on any newer text).
  const unsent = copy?.updates === undefined ? null : decodeCopy(copy.updates);
  const doc: LoadedDoc = { revision: state.revision, state: base64ToBytes(state.update), unsent };
  return { phase: 'ready', scene, doc, recovery: journalIsNewer(copy, scene) ? copy : null };
}

/** A journal copy's bytes; null when it is damaged (it could not be applied anyway). */
function decodeCopy(base64: string): Uint8Array | null {
  try {
    return base64ToBytes(base64);
  } catch {
    return null;
  }
}

function SceneLoader({ sceneId }: SceneEditorProps): JSX.Element {
  const [state, setState] = useState<LoadState>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const journal = useMemo(() => browserJournal(), []);
  const api = useApi();

  useEffect(() => {
    let cancelled = false;
    loadScene(api, sceneId, journal).then(
      (next) => !cancelled && setState(next),
      (error: unknown) => !cancelled && setState({ phase: 'error', message: errorMessage(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, sceneId, journal, attempt]);

  if (state.phase === 'loading') return <SceneSkeleton />;
  if (state.phase === 'error') {
    return (
      <div className="scene-editor scene-editor--message" data-testid="scene-editor-error">
        <EmptyState
          icon={<FileWarning size={28} />}
          title="This scene could not be opened"
          action={
            <Button
              variant="primary"
              onClick={() => {
                setState({ phase: 'loading' });
                setAttempt((n) => n + 1);
              }}
            >
              Try again
            </Button>
          }
        >
          {state.message}
        </EmptyState>
      </div>
    );
  }
  return <SceneWorkspace scene={state.scene} loaded={state.doc} journal={journal} recovery={state.recovery} />;
}

/** Placeholder shapes while the scene loads, so the page does not jump when text arrives. */
function SceneSkeleton(): JSX.Element {
  return (
    <div className="scene-editor" aria-busy="true" aria-label="Loading scene" data-testid="scene-editor-loading">
      <div className="scene-header">
        <div className="skeleton skeleton--title" />
      </div>
      <div className="editor-toolbar-placeholder" />
      <div className="scene-editor__scroll">
        <div className="scene-editor__page">
          {[92, 100, 86, 97, 64, 0, 95, 88, 100, 72].map((width, index) =>
            width === 0 ? <div key={index} className="skeleton-gap" /> : <div key={index} className="skeleton skeleton--line" style={{ width: `${width}%` }} />,
          )}
        </div>
      </div>
    </div>
  );
}
