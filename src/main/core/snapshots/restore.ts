import type { SnapshotScope } from '../../../shared/models/snapshot';
import type { ChapterRepo } from '../manuscript/chapter.repo';
import { measureDocument } from '../manuscript/manuscript.service';
import type { SceneRepo } from '../manuscript/scene.repo';
import type { ChapterCapture, SceneCapture, SnapshotPayload } from './snapshot-payload';

export interface RestoreRepos {
  chapters: ChapterRepo;
  scenes: SceneRepo;
}

/** A scene whose text was written back, with what the editor needs to reload it. */
export interface RestoredScene {
  id: string;
  revision: number;
  wordCount: number;
}

/*
 * Writes a snapshot's state back over the manuscript. Runs inside the caller's transaction,
 * after the caller has taken a safety snapshot, so nothing here can lose text for good:
 * anything that is not in the snapshot goes to the trash rather than away.
 */
export function applySnapshot(repos: RestoreRepos, scope: SnapshotScope, projectId: string, payload: SnapshotPayload, now: number): RestoredScene[] {
  if (scope === 'scene') {
    const captured = payload.chapters[0]?.scenes[0];
    return captured ? [restoreScene(repos, captured, now)] : [];
  }
  if (scope === 'project') restoreChapterList(repos, projectId, payload.chapters, now);
  else for (const chapter of payload.chapters) repos.chapters.update(chapter.id, { title: chapter.title, synopsis: chapter.synopsis }, now);
  return restoreChapterContents(repos, projectId, payload.chapters, now);
}

/** Project scope: exactly the captured chapters are live, in the captured order. */
function restoreChapterList(repos: RestoreRepos, projectId: string, captures: ChapterCapture[], now: number): void {
  const { chapters } = repos;
  const wanted = new Set(captures.map((c) => c.id));
  // Chapters made after the snapshot go to the trash whole, with whatever scenes they hold.
  for (const live of chapters.listLive(projectId)) if (!wanted.has(live.id)) chapters.setDeleted(live.id, now);
  captures.forEach((capture, position) => {
    const existing = chapters.findAny(capture.id);
    if (!existing) {
      // Emptied from the trash since: the snapshot brings it back under its old id.
      chapters.insert({ id: capture.id, projectId, title: capture.title, synopsis: capture.synopsis, position, createdAt: capture.createdAt, updatedAt: now });
      return;
    }
    if (existing.deletedAt !== null) chapters.setDeleted(capture.id, null);
    chapters.update(capture.id, { title: capture.title, synopsis: capture.synopsis }, now);
    if (existing.position !== position) chapters.setPosition(capture.id, position);
  });
}

/**
 * Makes each captured chapter hold exactly its captured scenes, in order: scenes added since
 * are trashed, trashed or deleted ones come back, moved ones return, and every text is restored.
 */
function restoreChapterContents(repos: RestoreRepos, projectId: string, captures: ChapterCapture[], now: number): RestoredScene[] {
  const { scenes } = repos;
  const wanted = new Set(captures.flatMap((c) => c.scenes.map((s) => s.id)));
  const capturedChapters = new Set(captures.map((c) => c.id));
  for (const capture of captures) {
    for (const live of scenes.listLiveMeta(capture.id)) if (!wanted.has(live.id)) scenes.setDeleted(live.id, now);
  }
  const leftChapters = new Set<string>();
  const restored: RestoredScene[] = [];
  for (const capture of captures) {
    capture.scenes.forEach((scene, position) => {
      const existing = scenes.findMeta(scene.id);
      if (!existing) {
        restored.push(reinsertScene(repos, projectId, capture.id, position, scene, now));
        return;
      }
      if (existing.chapterId !== capture.id && !capturedChapters.has(existing.chapterId)) leftChapters.add(existing.chapterId);
      if (existing.deletedAt !== null) scenes.setDeleted(scene.id, null);
      if (existing.chapterId !== capture.id || existing.position !== position) scenes.place(scene.id, capture.id, position);
      restored.push(restoreScene(repos, scene, now));
    });
  }
  // Close the gaps in chapters that scenes were pulled out of.
  for (const chapterId of leftChapters) {
    scenes.listLiveMeta(chapterId).forEach((s, position) => {
      if (s.position !== position) scenes.place(s.id, chapterId, position);
    });
  }
  return restored;
}

/** Writes back a scene's fields and text; `replaceText` bumps the revision and reindexes. */
function restoreScene(repos: RestoreRepos, scene: SceneCapture, now: number): RestoredScene {
  const { scenes } = repos;
  const before = scenes.findMeta(scene.id);
  if (!before) throw new Error(`Scene ${scene.id} vanished during a restore.`);
  // Fields first, so the index entry replaceText writes carries the restored title.
  scenes.update(before, { title: scene.title, synopsis: scene.synopsis, status: scene.status, pov: scene.pov }, now);
  const current = { ...before, title: scene.title };
  const text = measureDocument(scene.content);
  scenes.replaceText(current, text, now);
  return { id: scene.id, revision: current.revision + 1, wordCount: text.wordCount };
}

function reinsertScene(repos: RestoreRepos, projectId: string, chapterId: string, position: number, scene: SceneCapture, now: number): RestoredScene {
  const text = measureDocument(scene.content);
  repos.scenes.insert({
    id: scene.id,
    projectId,
    chapterId,
    title: scene.title,
    synopsis: scene.synopsis,
    status: scene.status,
    pov: scene.pov,
    position,
    ...text,
    createdAt: scene.createdAt,
    updatedAt: now,
  });
  return { id: scene.id, revision: 0, wordCount: text.wordCount };
}
