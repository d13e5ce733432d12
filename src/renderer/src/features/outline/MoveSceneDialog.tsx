import { useState } from 'react';
import { useStores } from '../../app/services';
import { Button, Dialog, Select } from '../../ui';
import { findScene } from './outline-model';

export interface MoveSceneDialogProps {
  /** The scene to move; null keeps the dialog closed. */
  sceneId: string | null;
  onClose: () => void;
}

/** "Move to chapter…": picks a chapter; the scene goes to its end. */
export function MoveSceneDialog({ sceneId, onClose }: MoveSceneDialogProps) {
  const { useOutline } = useStores();
  const outline = useOutline((s) => s.outline);
  const found = outline && sceneId ? findScene(outline, sceneId) : null;
  if (!outline || !found) return null;
  return <MoveSceneForm key={sceneId} sceneId={found.scene.id} title={found.scene.title} currentChapterId={found.chapter.id} onClose={onClose} />;
}

function MoveSceneForm({ sceneId, title, currentChapterId, onClose }: { sceneId: string; title: string; currentChapterId: string; onClose: () => void }) {
  const { useOutline } = useStores();
  const chapters = useOutline((s) => s.outline?.chapters ?? []);
  const moveScene = useOutline((s) => s.moveScene);
  const firstOther = chapters.find((c) => c.id !== currentChapterId)?.id ?? currentChapterId;
  const [target, setTarget] = useState(firstOther);
  const options = chapters.map((c) => ({ value: c.id, label: c.id === currentChapterId ? `${c.title} (current)` : c.title }));

  const submit = () => {
    const chapter = chapters.find((c) => c.id === target);
    if (!chapter || chapter.id === currentChapterId) return onClose();
    void moveScene(sceneId, chapter.id, chapter.scenes.length);
    onClose();
  };

  return (
    <Dialog
      open
      size="sm"
      onClose={onClose}
      title="Move scene"
      description={`Move “${title}” to the end of another chapter.`}
      onSubmit={submit}
      data-testid="move-scene-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={target === currentChapterId} data-testid="move-scene-submit">
            Move
          </Button>
        </>
      }
    >
      <Select label="Chapter" value={target} options={options} onChange={setTarget} data-testid="move-scene-select" />
    </Dialog>
  );
}
