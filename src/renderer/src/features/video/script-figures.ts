import type { ScriptScene, VideoScript } from '../../../../shared/models/media';

/** A narrator's pace at speed 1: about 150 words a minute. */
export const WORDS_PER_SECOND = 2.5;

/** Words in a text (runs of letters, digits and apostrophes; punctuation alone is no word). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
}

/** What a scene amounts to: its words and about how long it lasts on screen. */
export interface SceneFigures {
  words: number;
  seconds: number;
}

/**
 * A scene's words and estimated length at `speed`: the narration at ≈ 2.5 words/s × speed, or
 * its duration hint when that is longer (a hint is the least a scene lasts), or the hint alone.
 */
export function sceneFigures(scene: Pick<ScriptScene, 'narration' | 'durationHintSec'>, speed = 1): SceneFigures {
  const words = countWords(scene.narration);
  const spoken = words / (WORDS_PER_SECOND * Math.max(0.25, speed));
  return { words, seconds: Math.max(spoken, scene.durationHintSec ?? 0) };
}

/** A whole script's words, estimated length and scene count. */
export function scriptFigures(script: VideoScript, speed = 1): SceneFigures & { scenes: number } {
  let words = 0;
  let seconds = 0;
  for (const scene of script.scenes) {
    const figures = sceneFigures(scene, speed);
    words += figures.words;
    seconds += figures.seconds;
  }
  return { words, seconds, scenes: script.scenes.length };
}

/** 7 → "0:07", 75.4 → "1:15", 3725 → "1:02:05": a duration as a player shows it. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** An estimate in words: "about 40 s", "about 3 min", "about 1 h 5 min". */
export function formatEstimate(seconds: number): string {
  if (seconds <= 0) return '0 s';
  if (seconds < 60) return `about ${Math.max(1, Math.round(seconds))} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `about ${h} h` : `about ${h} h ${m} min`;
}

/** 1536 → "1.5 KB", 63_000_000 → "60.1 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
