import { RENDER_STAGE_LABELS, type Render } from '../../../../shared/models/media';
import { formatDuration } from './script-figures';

/** What a render is doing: "Rendering scenes", or waiting to start. */
export function stageText(render: Render): string {
  if (render.status === 'queued') return 'Waiting to start…';
  return render.stage ? RENDER_STAGE_LABELS[render.stage] : 'Starting';
}

/** "about 1:05 left", or null until the core can tell. */
export function etaText(render: Render): string | null {
  if (render.etaSec === null || render.status !== 'running') return null;
  if (render.etaSec < 1) return 'almost done';
  return `about ${formatDuration(render.etaSec)} left`;
}

/** "−14.0 LUFS · −1.2 dBTP". */
export function loudnessText(render: Render): string | null {
  if (!render.loudness) return null;
  const n = (value: number) => value.toFixed(1).replace('-', '−');
  return `${n(render.loudness.integratedLufs)} LUFS · ${n(render.loudness.truePeakDb)} dBTP`;
}

/** The render that is under way (queued or running), if any. */
export const activeRender = (renders: readonly Render[]) => renders.find((r) => r.status === 'queued' || r.status === 'running') ?? null;
