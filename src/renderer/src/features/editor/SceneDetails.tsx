import { useEffect, useRef, useState, type JSX } from 'react';
import { SceneStatus, type SceneMeta } from '../../../../shared/models/manuscript';
import { Select, TextArea, TextField } from '../../ui';

export type SceneMetaPatch = Partial<Pick<SceneMeta, 'title' | 'synopsis' | 'status' | 'pov'>>;

export const STATUS_OPTIONS = [
  { value: SceneStatus.idea, label: 'Idea' },
  { value: SceneStatus.draft, label: 'Draft' },
  { value: SceneStatus.revised, label: 'Revised' },
  { value: SceneStatus.final, label: 'Final' },
] as const;

export interface SceneDetailsProps {
  meta: SceneMeta;
  onChange: (patch: SceneMetaPatch) => void;
  onClose: () => void;
}

/**
 * Synopsis, status and point of view in a small popover under the header. Text fields save
 * when they lose focus; closing the popover (Escape, click outside) saves too.
 */
export function SceneDetails({ meta, onChange, onClose }: SceneDetailsProps): JSX.Element {
  const [synopsis, setSynopsis] = useState(meta.synopsis);
  const [pov, setPov] = useState(meta.pov);
  const ref = useRef<HTMLDivElement>(null);
  const latest = useRef({ synopsis, pov, meta, onChange, onClose });
  useEffect(() => {
    latest.current = { synopsis, pov, meta, onChange, onClose };
  });

  useEffect(() => {
    const commitAndClose = () => {
      const { synopsis: s, pov: p, meta: m, onChange: change, onClose: close } = latest.current;
      const patch: SceneMetaPatch = {};
      if (s !== m.synopsis) patch.synopsis = s;
      if (p.trim() !== m.pov) patch.pov = p.trim();
      if (Object.keys(patch).length > 0) change(patch);
      close();
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target;
      if (target instanceof Node && ref.current?.contains(target)) return;
      if (target instanceof Element && target.closest('[data-scene-details-toggle]')) return;
      commitAndClose();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') commitAndClose();
    };
    document.addEventListener('pointerdown', onPointer, true);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer, true);
      document.removeEventListener('keydown', onKey);
    };
  }, []);

  return (
    <div className="scene-details" ref={ref} role="dialog" aria-label="Scene details" data-testid="scene-details">
      <Select
        label="Status"
        value={meta.status}
        options={STATUS_OPTIONS}
        onChange={(status) => onChange({ status })}
        data-testid="scene-status"
      />
      <TextField
        label="Point of view"
        placeholder="Whose eyes is this scene seen through?"
        value={pov}
        maxLength={2000}
        onChange={(event) => setPov(event.target.value)}
        onBlur={() => pov.trim() !== meta.pov && onChange({ pov: pov.trim() })}
        data-testid="scene-pov"
      />
      <TextArea
        label="Synopsis"
        placeholder="What happens in this scene, in a sentence or two."
        rows={4}
        value={synopsis}
        maxLength={100_000}
        onChange={(event) => setSynopsis(event.target.value)}
        onBlur={() => synopsis !== meta.synopsis && onChange({ synopsis })}
        data-testid="scene-synopsis"
      />
    </div>
  );
}
