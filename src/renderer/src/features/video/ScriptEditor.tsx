import { FilePlus2, Sparkles } from 'lucide-react';
import { useMemo, useRef, type JSX } from 'react';
import type { ScriptScene, VideoScript } from '../../../../shared/models/media';
import { Button, EmptyState, notify } from '../../ui';
import { SceneCard, type SceneActions } from './SceneCard';
import { insertScene, moveScene, newScene, patchScene, removeScene, restoreScene } from './script-edits';
import { formatEstimate, scriptFigures } from './script-figures';

export interface ScriptEditorProps {
  projectId: string;
  script: VideoScript;
  speed: number;
  /** Applies a change to the newest script (a function, so quick edits never overwrite each other). */
  onChange(change: (script: VideoScript) => VideoScript): void;
  /** Starts the media crew on the script (videos made from a chapter or an idea); absent otherwise. */
  onAskCrew?: () => void;
}

/** The script as scene cards, with add, insert, reorder (buttons and Alt+↑/↓) and delete with Undo. */
export function ScriptEditor({ projectId, script, speed, onChange, onAskCrew }: ScriptEditorProps): JSX.Element {
  const listRef = useRef<HTMLOListElement>(null);
  const totals = scriptFigures(script, speed);
  const change = useRef(onChange);
  change.current = onChange;

  const actions = useMemo<SceneActions & { add(afterId?: string): void }>(() => {
    /** After a move, keeps the focus on the same control of the scene it belongs to. */
    const refocus = (sceneId: string) => {
      const active = document.activeElement;
      const testId = active instanceof HTMLElement ? active.dataset['testid'] : undefined;
      requestAnimationFrame(() => {
        const card = listRef.current?.querySelector(`[data-scene-id="${sceneId}"]`);
        (card?.querySelector<HTMLElement>(testId ? `[data-testid="${testId}"]` : '[data-testid="scene-narration"]') ?? card?.querySelector<HTMLElement>('[data-testid="scene-narration"]'))?.focus();
      });
    };
    const add = (afterId?: string) => {
      const scene = newScene();
      change.current((s) => insertScene(s, scene, afterId));
      requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>(`[data-scene-id="${scene.id}"] [data-testid="scene-narration"]`)?.focus());
    };
    return {
      add,
      change: (sceneId, patch) => change.current((s) => patchScene(s, sceneId, patch)),
      move: (sceneId, direction) => {
        change.current((s) => moveScene(s, sceneId, direction));
        refocus(sceneId);
      },
      insertAfter: (sceneId) => add(sceneId),
      remove: (sceneId, position) => {
        let removed: { scene: ScriptScene | null; index: number } = { scene: null, index: -1 };
        change.current((s) => {
          const result = removeScene(s, sceneId);
          removed = result;
          return result.script;
        });
        const back = removed.scene;
        const at = removed.index;
        if (back) notify.info(`Scene ${position + 1} deleted.`, { action: { label: 'Undo', run: () => change.current((s) => restoreScene(s, back, at)), 'data-testid': 'scene-undo-delete' }, key: `scene-delete-${sceneId}` });
      },
    };
  }, []);
  const add = actions.add;

  return (
    <section className="script-editor" aria-labelledby="script-editor-title" data-testid="script-editor">
      <header className="script-editor__head">
        <h2 id="script-editor-title">Script</h2>
        <span className="script-editor__totals" data-testid="script-totals">
          {totals.scenes === 1 ? '1 scene' : `${totals.scenes} scenes`} · {totals.words === 1 ? '1 word' : `${totals.words} words`} · {formatEstimate(totals.seconds)}
        </span>
        {onAskCrew && (
          <Button size="sm" variant="ghost" icon={<Sparkles size={14} />} onClick={onAskCrew} title="The media crew writes a new script from the video’s chapter or idea; it waits as a draft for you to use or discard." data-testid="script-ask-crew">
            Ask the crew for a script
          </Button>
        )}
      </header>
      {script.scenes.length === 0 ? (
        <EmptyState
          size="sm"
          icon={<FilePlus2 size={22} />}
          title="No scenes yet"
          action={
            <Button variant="primary" onClick={() => add()} data-testid="script-add-first">
              Add a scene
            </Button>
          }
        >
          {onAskCrew ? 'Write the narration scene by scene, or ask the crew for a script from the video’s chapter or idea.' : 'Write the narration scene by scene: each scene is narrated over its picture.'}
        </EmptyState>
      ) : (
        <>
          <ol ref={listRef} className="script-editor__scenes">
            {script.scenes.map((scene, index) => (
              <li key={scene.id}>
                <SceneCard projectId={projectId} scene={scene} index={index} count={script.scenes.length} speed={speed} actions={actions} />
              </li>
            ))}
          </ol>
          <Button icon={<FilePlus2 size={15} />} onClick={() => add()} data-testid="script-add">
            Add a scene
          </Button>
        </>
      )}
    </section>
  );
}
