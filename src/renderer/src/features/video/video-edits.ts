import type { Video } from '../../../../shared/models/media';

/** What the writer edits in a video (everything `media.videos.update` takes besides its id and revision). */
export const EDIT_KEYS = ['title', 'script', 'voice', 'music', 'format', 'captions', 'thumbnail'] as const;
export type EditKey = (typeof EDIT_KEYS)[number];
export type VideoEdits = Pick<Video, EditKey>;

/** Structural equality of plain data (the JSON the core sends: no dates, maps or cycles). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** A video's editable fields. */
export function editsOf(video: Video): VideoEdits {
  return { title: video.title, script: video.script, voice: video.voice, music: video.music, format: video.format, captions: video.captions, thumbnail: video.thumbnail };
}

/** The fields of `edits` that differ from the stored `base`. */
export function changedEdits(base: VideoEdits, edits: VideoEdits): Partial<VideoEdits> {
  const changes: Partial<Record<EditKey, unknown>> = {};
  for (const key of EDIT_KEYS) if (!sameData(base[key], edits[key])) changes[key] = edits[key];
  return changes as Partial<VideoEdits>;
}

/**
 * Folds a newer stored version into what the editor shows: a field the writer has not touched
 * (still equal to the old stored one) takes the new value; a touched one keeps the writer's.
 */
export function rebaseEdits(local: VideoEdits, oldBase: VideoEdits, newBase: VideoEdits): VideoEdits {
  const next = { ...local } as Record<EditKey, unknown>;
  for (const key of EDIT_KEYS) if (sameData(local[key], oldBase[key])) next[key] = newBase[key];
  return next as VideoEdits;
}

/** True when a change made elsewhere (old → new stored version) touched a field the writer changed too. */
export function clashes(changes: Partial<VideoEdits>, oldBase: VideoEdits, newBase: VideoEdits): boolean {
  return (Object.keys(changes) as EditKey[]).some((key) => !sameData(oldBase[key], newBase[key]));
}
