import type { SnapshotScope } from '../../../shared/models/snapshot';
import { type ChapterRepo, keysForOrder, measureDocument, type SceneRepo } from '../manuscript';
import type { ChapterCapture, SceneCapture, SnapshotPayload } from './snapshot-payload';

type SceneRow = NonNullable<ReturnType<SceneRepo['findAny']>>;

export interface RestoreRepos {
  chapters: ChapterRepo;
  scenes: SceneRepo;
}

/**
 * A scene the restore changed in any way (text, fields, place, back from the trash or
 * re-created). `textChanged` says its text was rewritten and its revision bumped, so an
 * open editor must reload it.
 */
export interface RestoredScene {
  id: string;
  revision: number;
  wordCount: number;
  textChanged: boolean;
}

/*
 * Writes a snapshot's state back over the manuscript. Runs inside the caller's transaction,
 * after the caller has taken a safety snapshot, so nothing here can lose text for good:
 * anything that is not in the snapshot goes to the trash rather than away.
 */
export function applySnapshot(repos: RestoreRepos, scope: SnapshotScope, projectId: string, payload: SnapshotPayload, now: number): RestoredScene[] {
  if (scope === 'scene') {
    const captured = payload.chapters[0]?.scenes[0];
    const current = captured && repos.scenes.findLive(captured.id);
    const result = captured && current && restoreScene(repos, captured, current, now);
    return result ? [result] : [];
  }
  if (scope === 'project') restoreChapterList(repos, projectId, payload.chapters, now);
  else for (const chapter of payload.chapters) restoreChapterFields(repos, chapter, now);
  return restoreChapterContents(repos, projectId, payload.chapters, now);
}

/** Project scope: exactly the captured chapters are live, in the captured order. */
function restoreChapterList(repos: RestoreRepos, projectId: string, captures: ChapterCapture[], now: number): void {
  const { chapters } = repos;
  const wanted = new Set(captures.map((c) => c.id));
  // Chapters made after the snapshot go to the trash whole, with whatever scenes they hold.
  for (const live of chapters.listLive(projectId)) if (!wanted.has(live.id)) chapters.setDeleted(live.id, now);
  // Chapters whose keys already run in the captured order keep them; only the others are written.
  const keys = keysForOrder(captures.map((c) => ({ id: c.id, position: chapters.findAny(c.id)?.position ?? null })));
  for (const capture of captures) {
    const existing = chapters.findAny(capture.id);
    const position = keys.get(capture.id) as string;
    if (!existing) {
      // Emptied from the trash since: the snapshot brings it back under its old id.
      chapters.insert({ id: capture.id, projectId, title: capture.title, synopsis: capture.synopsis, position, createdAt: capture.createdAt, updatedAt: now });
      continue;
    }
    if (existing.deletedAt !== null) chapters.setDeleted(capture.id, null);
    restoreChapterFields(repos, capture, now);
    if (existing.position !== position) chapters.setPosition(capture.id, position);
  }
}

function restoreChapterFields(repos: RestoreRepos, capture: ChapterCapture, now: number): void {
  const current = repos.chapters.findAny(capture.id);
  if (current && (current.title !== capture.title || current.synopsis !== capture.synopsis)) {
    repos.chapters.update(capture.id, { title: capture.title, synopsis: capture.synopsis }, now);
  }
}

/**
 * Makes each captured chapter hold exactly its captured scenes, in order: scenes added since
 * are trashed, trashed or deleted ones come back, moved ones return, and every text is restored.
 */
function restoreChapterContents(repos: RestoreRepos, projectId: string, captures: ChapterCapture[], now: number): RestoredScene[] {
  const { scenes } = repos;
  // Each chapter's live order before: a scene whose place differs from the capture was put back, even when only its neighbours' keys changed.
  const ordinals = new Map(captures.flatMap((c) => scenes.listLiveMeta(c.id).map((s, ordinal): [string, string] => [s.id, `${c.id}@${ordinal}`])));
  const wanted = new Set(captures.flatMap((c) => c.scenes.map((s) => s.id)));
  for (const capture of captures) {
    for (const live of scenes.listLiveMeta(capture.id)) if (!wanted.has(live.id)) scenes.setDeleted(live.id, now);
  }
  const restored: RestoredScene[] = [];
  for (const capture of captures) {
    // Scenes whose keys already run in the captured order keep them (even one pulled back from
    // another chapter); a chapter a scene leaves keeps its other keys, so nothing there moves.
    const rows = capture.scenes.map((scene) => ({ scene, existing: scenes.findAny(scene.id) }));
    const keys = keysForOrder(rows.map(({ scene, existing }) => ({ id: scene.id, position: existing?.position ?? null })));
    rows.forEach(({ scene, existing }, ordinal) => {
      const position = keys.get(scene.id) as string;
      if (!existing) {
        restored.push(reinsertScene(repos, projectId, capture.id, position, scene, now));
        return;
      }
      const rekeyed = existing.chapterId !== capture.id || existing.position !== position;
      const moved = rekeyed || ordinals.get(scene.id) !== `${capture.id}@${ordinal}`;
      if (existing.deletedAt !== null) scenes.setDeleted(scene.id, null);
      if (rekeyed) scenes.place(scene.id, capture.id, position);
      const result = restoreScene(repos, scene, existing, now);
      if (result) restored.push(result);
      else if (moved || existing.deletedAt !== null) restored.push({ id: scene.id, revision: existing.revision, wordCount: existing.wordCount, textChanged: false });
    });
  }
  return restored;
}

/**
 * Writes back a scene's fields and text where they differ from the capture; undefined when
 * nothing differed. Unchanged scenes keep their revision, so restoring a chapter where one
 * scene changed neither rewrites nor reindexes the others. `replaceText` bumps the revision
 * and reindexes.
 */
function restoreScene(repos: RestoreRepos, scene: SceneCapture, before: SceneRow, now: number): RestoredScene | undefined {
  const { scenes } = repos;
  const fields = { title: scene.title, synopsis: scene.synopsis, status: scene.status, pov: scene.pov };
  const fieldsChanged = (Object.keys(fields) as Array<keyof typeof fields>).some((key) => before[key] !== fields[key]);
  // The capture is JSON.parse of the stored text, so stringifying it gives the stored text back when unchanged.
  const textChanged = JSON.stringify(scene.content) !== before.content;
  if (!fieldsChanged && !textChanged) return undefined;
  // Fields first, so the index entry replaceText writes carries the restored title.
  if (fieldsChanged) scenes.update(before, fields, now);
  if (!textChanged) return { id: scene.id, revision: before.revision, wordCount: before.wordCount, textChanged: false };
  const text = measureDocument(scene.content);
  scenes.replaceText({ ...before, title: scene.title }, text, now);
  return { id: scene.id, revision: before.revision + 1, wordCount: text.wordCount, textChanged: true };
}

function reinsertScene(repos: RestoreRepos, projectId: string, chapterId: string, position: string, scene: SceneCapture, now: number): RestoredScene {
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
  return { id: scene.id, revision: 0, wordCount: text.wordCount, textChanged: true };
}
