import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { memo, useId, type JSX, type KeyboardEvent } from 'react';
import type { ScriptScene } from '../../../../shared/models/media';
import { IconButton, TextArea, TextField } from '../../ui';
import { SceneImagePicker } from './SceneImagePicker';
import { formatEstimate, sceneFigures } from './script-figures';

/** What a card can do to the script; one stable object for all cards, so an edit re-renders only its own card. */
export interface SceneActions {
  change(sceneId: string, patch: Partial<ScriptScene>): void;
  move(sceneId: string, direction: -1 | 1): void;
  insertAfter(sceneId: string): void;
  remove(sceneId: string, index: number): void;
}

export interface SceneCardProps {
  projectId: string;
  scene: ScriptScene;
  index: number;
  count: number;
  speed: number;
  actions: SceneActions;
}

/**
 * One scene of the script as a card: narration, on-screen caption, visual description, image
 * and duration hint, with its words and estimated length. Alt+↑ / Alt+↓ anywhere in the card
 * moves it (as the buttons do), so reordering never needs a mouse.
 */
export const SceneCard = memo(function SceneCard({ projectId, scene, index, count, speed, actions }: SceneCardProps): JSX.Element {
  const headingId = useId();
  const onChange = (patch: Partial<ScriptScene>) => actions.change(scene.id, patch);
  const onMove = (direction: -1 | 1) => actions.move(scene.id, direction);
  const figures = sceneFigures(scene, speed);
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (!event.altKey || event.ctrlKey || event.metaKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    onMove(event.key === 'ArrowUp' ? -1 : 1);
  };
  return (
    <article className="scene-card" aria-labelledby={headingId} onKeyDown={onKeyDown} data-testid="script-scene" data-scene-id={scene.id}>
      <header className="scene-card__head">
        <h3 id={headingId} className="scene-card__title">
          Scene {index + 1}
        </h3>
        <span className="scene-card__figures" data-testid="scene-figures">
          {figures.words === 1 ? '1 word' : `${figures.words} words`} · {formatEstimate(figures.seconds)}
        </span>
        <span className="scene-card__tools">
          <IconButton size="sm" label={`Move scene ${index + 1} up`} shortcut="Alt+↑" icon={<ArrowUp size={14} />} disabled={index === 0} onClick={() => onMove(-1)} data-testid="scene-up" />
          <IconButton size="sm" label={`Move scene ${index + 1} down`} shortcut="Alt+↓" icon={<ArrowDown size={14} />} disabled={index === count - 1} onClick={() => onMove(1)} data-testid="scene-down" />
          <IconButton size="sm" label={`Add a scene after scene ${index + 1}`} icon={<Plus size={14} />} onClick={() => actions.insertAfter(scene.id)} data-testid="scene-insert" />
          <IconButton size="sm" label={`Delete scene ${index + 1}`} icon={<Trash2 size={14} />} onClick={() => actions.remove(scene.id, index)} data-testid="scene-delete" />
        </span>
      </header>
      <TextArea label="Narration" rows={4} value={scene.narration} placeholder="What the narrator says." onChange={(e) => onChange({ narration: e.target.value })} data-testid="scene-narration" />
      <div className="scene-card__row">
        <TextField label="On-screen caption" value={scene.caption} maxLength={300} placeholder="A few words over the picture" onChange={(e) => onChange({ caption: e.target.value })} data-testid="scene-caption" />
        <TextField
          label="Lasts at least (s)"
          type="number"
          min={1}
          max={600}
          step={0.5}
          inputMode="decimal"
          value={scene.durationHintSec ?? ''}
          placeholder="auto"
          hint="Empty: as long as the narration."
          onChange={(e) => {
            const value = Number(e.target.value);
            onChange({ durationHintSec: e.target.value === '' || !Number.isFinite(value) ? null : Math.min(600, Math.max(1, value)) });
          }}
          className="scene-card__duration"
          data-testid="scene-duration"
        />
      </div>
      <TextArea label="Visual description" rows={2} value={scene.visual} placeholder="What the viewer sees: the brief for the image." onChange={(e) => onChange({ visual: e.target.value })} data-testid="scene-visual" />
      <SceneImagePicker projectId={projectId} scene={scene} onChange={(image) => onChange({ image })} />
    </article>
  );
});
