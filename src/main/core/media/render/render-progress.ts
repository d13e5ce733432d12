import { RENDER_STAGES, type RenderStage } from '../../../../shared/models/media';

/**
 * Each stage's share of a render's time, as measured on a 60 s 1080p render (bench/media-render.ts):
 * drawing and encoding the pieces is nearly all of it; the soundtrack is made while they are
 * drawn (the audio stage only waits for it), the assembly is a stream copy, narration is small
 * with espeak-ng. `transitions` is no stage of its own any more (each scene's piece draws its
 * crossfade) and stays in the list for renders stored by older versions.
 */
export const STAGE_WEIGHTS: Readonly<Record<RenderStage, number>> = {
  narration: 0.04,
  captions: 0.01,
  segments: 0.9,
  transitions: 0,
  audio: 0.01,
  assembly: 0.02,
  thumbnail: 0.02,
};

/** Before this share is done, an ETA would be a guess: none is shown. */
const ETA_AFTER = 0.03;

export interface ProgressSnapshot {
  stage: RenderStage;
  progress: number;
  etaSec: number | null;
}

/** Overall progress from a stage and the fraction of it done, and an ETA from the speed so far. */
export function createProgressTracker(startedAtMs: number) {
  const order = RENDER_STAGES;
  const before = (stage: RenderStage) => order.slice(0, order.indexOf(stage)).reduce((sum, s) => sum + STAGE_WEIGHTS[s], 0);
  let best = 0;
  return {
    at(stage: RenderStage, fraction: number, nowMs: number): ProgressSnapshot {
      const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
      // Never backwards: a stage's progress can restart (a retried pass) but the bar does not.
      best = Math.max(best, Math.min(1, before(stage) + STAGE_WEIGHTS[stage] * clamped));
      const elapsedSec = Math.max(0, (nowMs - startedAtMs) / 1000);
      const etaSec = best >= ETA_AFTER && best < 1 ? Math.round((elapsedSec * (1 - best)) / best) : best >= 1 ? 0 : null;
      return { stage, progress: best, etaSec };
    },
  };
}
