/** Adds up per-scene word counts. */
export function sumCounts(counts: Record<string, number>): number {
  return Object.values(counts).reduce((total, n) => total + n, 0);
}

export interface StatsFigures {
  /** The manuscript's words now, the open scene counted live. */
  projectWords: number;
  /** Words written today (the stored session, plus the open scene's unsaved change; never below zero). */
  sessionWords: number;
}

/**
 * Combines the stored counts and today's stored session with the open scene's live count. The
 * unsaved change is added the way the core will add it at the next save (never below zero).
 */
export function computeFigures(sceneWords: Record<string, number>, sessionWords: number | null, live: { sceneId: string; words: number } | null): StatsFigures {
  const stored = live ? sceneWords[live.sceneId] : undefined;
  const projectWords = sumCounts(sceneWords) + (live ? live.words - (stored ?? 0) : 0);
  // A scene not counted yet (just created, figures still loading) has no known starting point.
  const unsaved = live && stored !== undefined ? live.words - stored : 0;
  return { projectWords, sessionWords: sessionWords === null ? 0 : Math.max(0, sessionWords + unsaved) };
}
