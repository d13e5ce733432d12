/** Adds up per-scene word counts. */
export function sumCounts(counts: Record<string, number>): number {
  return Object.values(counts).reduce((total, n) => total + n, 0);
}

export interface StatsFigures {
  /** The manuscript's words now, the open scene counted live. */
  projectWords: number;
  /** Words added since the project was opened (never below zero). */
  sessionWords: number;
}

/** Combines the stored counts with the open scene's live count. */
export function computeFigures(sceneWords: Record<string, number>, baseline: number | null, live: { sceneId: string; words: number } | null): StatsFigures {
  let projectWords = sumCounts(sceneWords);
  if (live) projectWords += live.words - (sceneWords[live.sceneId] ?? 0);
  return { projectWords, sessionWords: Math.max(0, projectWords - (baseline ?? projectWords)) };
}
