import type { ScriptScene, VideoScript } from '../../../../shared/models/media';

/** A new, empty scene with a fresh id. */
export function newScene(patch: Partial<ScriptScene> = {}): ScriptScene {
  return { id: crypto.randomUUID(), narration: '', caption: '', visual: '', image: null, durationHintSec: null, ...patch };
}

/** The script with one scene changed. */
export function patchScene(script: VideoScript, sceneId: string, patch: Partial<ScriptScene>): VideoScript {
  return { scenes: script.scenes.map((scene) => (scene.id === sceneId ? { ...scene, ...patch } : scene)) };
}

/** The script with a new scene after `afterId` (null: at the start; missing: at the end). */
export function insertScene(script: VideoScript, scene: ScriptScene, afterId?: string | null): VideoScript {
  const scenes = [...script.scenes];
  const index = afterId === undefined ? scenes.length : afterId === null ? 0 : scenes.findIndex((s) => s.id === afterId) + 1;
  scenes.splice(index <= 0 && afterId ? scenes.length : index, 0, scene);
  return { scenes };
}

/** The script with a scene moved one place up (−1) or down (+1); unchanged at either end. */
export function moveScene(script: VideoScript, sceneId: string, direction: -1 | 1): VideoScript {
  const from = script.scenes.findIndex((s) => s.id === sceneId);
  const to = from + direction;
  if (from < 0 || to < 0 || to >= script.scenes.length) return script;
  const scenes = [...script.scenes];
  const [scene] = scenes.splice(from, 1);
  if (scene) scenes.splice(to, 0, scene);
  return { scenes };
}

/** The script without one scene, and where it was (to put it back). */
export function removeScene(script: VideoScript, sceneId: string): { script: VideoScript; index: number; scene: ScriptScene | null } {
  const index = script.scenes.findIndex((s) => s.id === sceneId);
  if (index < 0) return { script, index, scene: null };
  return { script: { scenes: script.scenes.filter((s) => s.id !== sceneId) }, index, scene: script.scenes[index] ?? null };
}

/** Puts a removed scene back at its place (or the end), unless it is there already. */
export function restoreScene(script: VideoScript, scene: ScriptScene, index: number): VideoScript {
  if (script.scenes.some((s) => s.id === scene.id)) return script;
  const scenes = [...script.scenes];
  scenes.splice(Math.min(index, scenes.length), 0, scene);
  return { scenes };
}
