import { z } from 'zod';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { Limits } from '../../../../shared/models/common';
import { videoScriptSchema, type ScriptScene, type VideoScript } from '../../../../shared/models/media';
import type { RunDetail } from '../../../../shared/models/runs';

/** The media crew's playbooks (resources/playbooks/<id>.yaml). */
export const VIDEO_PLAYBOOKS = { idea: 'video-from-idea', chapter: 'video-from-chapter' } as const;

/** The step ids the playbooks end with: the written script, its rewrite and the visual direction. */
export const CREW_STEPS = { script: 'script', rewrite: 'rewrite', visuals: 'visuals' } as const;

const crewScriptSchema = z.object({
  scenes: z
    .array(
      z.object({
        narration: z.string(),
        caption: z.string().default(''),
        visualDescription: z.string().default(''),
        durationSeconds: z.number().optional(),
      }),
    )
    .min(1),
});

const crewVisualsSchema = z.object({
  scenes: z.array(
    z.object({
      index: z.number().int(),
      camera: z.string().default(''),
      style: z.string().default(''),
      mood: z.string().default(''),
      lighting: z.string().default(''),
      background: z.string().default(''),
      transition: z.string().default(''),
    }),
  ),
});
type CrewVisual = z.infer<typeof crewVisualsSchema>['scenes'][number];

const outputOf = (detail: RunDetail, stepId: string): unknown => {
  const step = detail.steps.find((s) => s.stepId === stepId && s.status === 'succeeded');
  return step?.output ?? null;
};

/** The scene describer's direction as one readable line ("Camera: … Style: …"). */
function direction(visual: CrewVisual): string {
  const parts: Array<[string, string]> = [
    ['Camera', visual.camera],
    ['Style', visual.style],
    ['Mood', visual.mood],
    ['Lighting', visual.lighting],
    ['Background', visual.background],
    ['Transition', visual.transition],
  ];
  return parts
    .filter(([, value]) => value.trim())
    .map(([name, value]) => `${name}: ${value.trim().replace(/[.\s]+$/u, '')}.`)
    .join(' ');
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/**
 * The crew run's final outputs as a video script: the rewrite's scenes (the script's when the
 * rewrite was skipped or unusable), each with the scene describer's direction merged into its `visual`,
 * fresh scene ids and a title card of its caption. Throws `INVALID_OUTPUT` with a sentence when
 * the outputs do not make a script.
 */
export function scriptFromRun(detail: RunDetail, newId: () => string): VideoScript {
  // The rewrite's scenes; the script's when the rewrite was skipped or gave nothing usable.
  const written = [CREW_STEPS.rewrite, CREW_STEPS.script].map((stepId) => crewScriptSchema.safeParse(outputOf(detail, stepId))).find((parsed) => parsed.success);
  if (!written?.success) throw new AppError(ErrorCode.INVALID_OUTPUT, 'The crew finished without a script with scenes, so there is nothing to use. Try writing it again.');
  const visuals = crewVisualsSchema.safeParse(outputOf(detail, CREW_STEPS.visuals));
  const byIndex = new Map((visuals.success ? visuals.data.scenes : []).map((v) => [v.index, v]));
  const scenes = written.data.scenes
    .filter((scene) => scene.narration.trim() || scene.caption.trim())
    .map((scene, n): ScriptScene => {
      const caption = clip(scene.caption.trim(), 300);
      const visual = byIndex.get(n + 1);
      const described = [scene.visualDescription.trim(), visual ? direction(visual) : ''].filter(Boolean).join('\n');
      const hint = scene.durationSeconds;
      return {
        id: newId(),
        narration: clip(scene.narration.trim(), Limits.longText),
        caption,
        visual: clip(described, Limits.shortText),
        image: { kind: 'title-card', text: caption, background: '#1d2433' },
        durationHintSec: hint !== undefined && Number.isFinite(hint) ? Math.min(600, Math.max(1, hint)) : null,
      };
    });
  const parsed = videoScriptSchema.safeParse({ scenes });
  if (!parsed.success || scenes.length === 0) {
    throw new AppError(ErrorCode.INVALID_OUTPUT, `The crew’s script does not fit a video (${parsed.success ? 'it has no scenes' : (parsed.error.issues[0]?.message ?? 'its shape is wrong')}).`);
  }
  return parsed.data;
}
