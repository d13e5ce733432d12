/**
 * Where each scene sits in the finished video. A scene lasts its narration plus a little air
 * (a breath before, a pause after, and the crossfade into the next scene, which must not cover
 * words), or its duration hint when that is longer or it has no narration; lengths are whole
 * frames so segments and the soundtrack agree to the frame.
 */

/** Silence before a scene's narration starts. */
export const LEAD_SEC = 0.3;
/** Silence after a scene's narration, before the next scene's crossfade begins. */
export const TAIL_SEC = 0.5;

export interface SceneSlot {
  /** When the scene's picture starts in the final video (crossfades overlap the previous one). */
  startSec: number;
  durationSec: number;
  frames: number;
  /** When its narration starts in the final video. */
  narrationStartSec: number;
}

export interface Timeline {
  slots: SceneSlot[];
  /** The final video's length: scenes minus the crossfade overlaps. */
  durationSec: number;
}

/** Lays the scenes out; `narrationSec` is 0 for a scene without narration. */
export function layOutScenes(scenes: ReadonlyArray<{ narrationSec: number; durationHintSec: number | null }>, fps: number, transitionSec: number): Timeline {
  const slots: SceneSlot[] = [];
  let cursor = 0;
  scenes.forEach((scene, index) => {
    const last = index === scenes.length - 1;
    const spoken = scene.narrationSec > 0 ? LEAD_SEC + scene.narrationSec + TAIL_SEC + (last ? 0 : transitionSec) : 0;
    // Every scene outlasts its transition (the crossfade needs it), however short its hint.
    const wanted = Math.max(spoken, scene.durationHintSec ?? 0, transitionSec * 2 + 1 / fps);
    const frames = Math.ceil(wanted * fps - 1e-6);
    const durationSec = frames / fps;
    slots.push({ startSec: cursor, durationSec, frames, narrationStartSec: cursor + LEAD_SEC });
    cursor += durationSec - (last ? 0 : transitionSec);
  });
  return { slots, durationSec: cursor };
}
