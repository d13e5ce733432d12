import { FilePlus, PenLine } from 'lucide-react';
import { useStores } from '../../app/services';
import { Button, EmptyState } from '../../ui';

/** The centre pane when no scene is open: says what to do, and offers to do it. */
export function NoSceneSelected() {
  const { useOutline } = useStores();
  const outline = useOutline((s) => s.outline);
  const addScene = useOutline((s) => s.addScene);
  const addChapter = useOutline((s) => s.addChapter);
  if (!outline) return null;
  const hasScenes = outline.chapters.some((c) => c.scenes.length > 0);
  const lastChapter = outline.chapters[outline.chapters.length - 1];
  const create = () => (lastChapter ? void addScene(lastChapter.id) : void addChapter());
  return (
    <EmptyState
      icon={<PenLine size={30} />}
      title={hasScenes ? 'Select or create a scene' : 'Create your first scene'}
      data-testid="no-scene"
      action={
        <Button variant="primary" icon={<FilePlus size={16} />} onClick={create} data-testid="create-scene-empty">
          {lastChapter ? 'New scene' : 'New chapter'}
        </Button>
      }
    >
      <p>
        {hasScenes
          ? 'Pick a scene in the sidebar to keep writing, or start a new one.'
          : 'Scenes are where the writing happens. Each chapter holds one or more scenes; everything you type is saved as you go.'}
      </p>
    </EmptyState>
  );
}
