import type { Outline } from '../../../../shared/models/manuscript';
import type { Snapshot, SnapshotScope } from '../../../../shared/models/snapshot';

export const SCOPE_LABELS: Record<SnapshotScope, string> = { scene: 'Scene', chapter: 'Chapter', project: 'Whole manuscript' };

/** Titles of the chapters and scenes, by id, for naming what a snapshot was taken of. */
export function outlineTitles(outline: Outline | null): Map<string, string> {
  const titles = new Map<string, string>();
  for (const chapter of outline?.chapters ?? []) {
    titles.set(chapter.id, chapter.title);
    for (const scene of chapter.scenes) titles.set(scene.id, scene.title);
  }
  return titles;
}

/** "Scene “Arrival”", "Chapter “One”" or "Whole manuscript"; a deleted target is named as such. */
export function describeTarget(snapshot: Snapshot, titles: Map<string, string>): string {
  if (snapshot.scope === 'project') return SCOPE_LABELS.project;
  const title = titles.get(snapshot.targetId);
  return title ? `${SCOPE_LABELS[snapshot.scope]} “${title}”` : `A ${snapshot.scope} no longer in the manuscript`;
}

/** The chapter holding a scene, if the outline knows it. */
export function chapterOf(outline: Outline | null, sceneId: string | null): string | null {
  if (!outline || !sceneId) return null;
  return outline.chapters.find((chapter) => chapter.scenes.some((scene) => scene.id === sceneId))?.id ?? null;
}
