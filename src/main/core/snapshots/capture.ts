import { notFound } from '../../../shared/ipc/errors';
import type { DocNode } from '../../../shared/models/document';
import type { SnapshotScope } from '../../../shared/models/snapshot';
import type { ChapterRepo, SceneRepo } from '../manuscript';
import type { ProjectRepo } from '../projects';
import { PAYLOAD_VERSION, type ChapterCapture, type SceneCapture, type SnapshotPayload } from './snapshot-payload';

export interface CaptureRepos {
  projects: ProjectRepo;
  chapters: ChapterRepo;
  scenes: SceneRepo;
}

export interface Captured {
  projectId: string;
  payload: SnapshotPayload;
}

type SceneRow = NonNullable<ReturnType<SceneRepo['findAny']>>;
type ChapterRow = NonNullable<ReturnType<ChapterRepo['findAny']>>;

function captureScene(row: SceneRow): SceneCapture {
  return {
    id: row.id,
    title: row.title,
    synopsis: row.synopsis,
    status: row.status,
    pov: row.pov,
    createdAt: row.createdAt,
    wordCount: row.wordCount,
    content: JSON.parse(row.content) as DocNode,
  };
}

function captureChapter(row: ChapterRow, sceneRows: SceneRow[]): ChapterCapture {
  return { id: row.id, title: row.title, synopsis: row.synopsis, createdAt: row.createdAt, scenes: sceneRows.map(captureScene) };
}

/**
 * Reads the current state of a live scene, chapter or project into a payload. Throws NOT_FOUND
 * when the target, its chapter or its project is missing or in the trash.
 */
export function captureTarget(repos: CaptureRepos, scope: SnapshotScope, targetId: string): Captured {
  const { projects, chapters, scenes } = repos;
  const payload = (captures: ChapterCapture[]): SnapshotPayload => ({ version: PAYLOAD_VERSION, chapters: captures });

  if (scope === 'scene') {
    const scene = scenes.findLive(targetId);
    const chapter = scene && chapters.findLive(scene.chapterId);
    if (!scene || !chapter || !projects.findLive(scene.projectId)) throw notFound('The scene');
    return { projectId: scene.projectId, payload: payload([captureChapter(chapter, [scene])]) };
  }
  if (scope === 'chapter') {
    const chapter = chapters.findLive(targetId);
    if (!chapter || !projects.findLive(chapter.projectId)) throw notFound('The chapter');
    return { projectId: chapter.projectId, payload: payload([captureChapter(chapter, scenes.listLive(chapter.id))]) };
  }
  if (!projects.findLive(targetId)) throw notFound('The project');
  const captures = chapters.listLive(targetId).map((chapter) => captureChapter(chapter, scenes.listLive(chapter.id)));
  return { projectId: targetId, payload: payload(captures) };
}
