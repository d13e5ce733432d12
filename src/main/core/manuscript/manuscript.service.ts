import { AppError, ErrorCode, notFound } from '../../../shared/ipc/errors';
import type { DocNode } from '../../../shared/models/document';
import { emptyDocument } from '../../../shared/models/document';
import type { Chapter, Outline, Scene, SceneMeta, SceneSaved, SceneStatus } from '../../../shared/models/manuscript';
import type { WritingSession } from '../../../shared/models/writing-session';
import { inTransaction, type AppDatabase } from '../db/connection';
import type { EventBus } from '../events';
import type { Clock, IdGenerator } from '../platform/clock';
import type { ProjectRepo } from '../projects';
import { toChapter, type ChapterRepo } from './chapter.repo';
import { measureDocument, measureForStorage, unwrapMeasured, type MeasuredDocument } from './document-measure';
import { reorder } from './positions';
import { toScene, toSceneMeta, type SceneRepo } from './scene.repo';

/** Where autosaves report the words they add or remove (the stats domain's session counter). */
export interface WritingSessionRecorder {
  /** Runs inside the save's transaction; returns the day's session after it. */
  record(projectId: string, deltaWords: number, now: number): WritingSession;
}

export interface ManuscriptDeps {
  database: AppDatabase;
  sessions: WritingSessionRecorder;
  projects: ProjectRepo;
  chapters: ChapterRepo;
  scenes: SceneRepo;
  events: EventBus;
  clock: Clock;
  ids: IdGenerator;
  /**
   * Serializes, extracts and counts a saved document: the text worker, which takes big
   * documents off the event loop (text-worker.ts). Inline when absent.
   */
  measure?: (content: DocNode) => Promise<MeasuredDocument>;
}

/** Chapters and scenes: the manuscript's structure and text. */
export function createManuscriptService(deps: ManuscriptDeps) {
  const { database, projects, chapters, scenes, events, clock, ids, sessions } = deps;
  const measure = deps.measure ?? ((content: DocNode) => Promise.resolve(measureForStorage(content)));

  const liveProject = (projectId: string) => {
    const project = projects.findLive(projectId);
    if (!project) throw notFound('The project');
    return project;
  };
  const liveChapter = (chapterId: string) => {
    const chapter = chapters.findLive(chapterId);
    if (!chapter || !projects.findLive(chapter.projectId)) throw notFound('The chapter');
    return chapter;
  };
  const liveScene = (sceneId: string) => {
    const scene = scenes.findMeta(sceneId);
    if (!scene || scene.deletedAt !== null) throw notFound('The scene');
    liveChapterOf(scene.chapterId, 'The scene');
    return scene;
  };
  const liveChapterOf = (chapterId: string, what: string) => {
    const chapter = chapters.findLive(chapterId);
    if (!chapter || !projects.findLive(chapter.projectId)) throw notFound(what);
    return chapter;
  };

  const renumberChapters = (projectId: string, order: string[]) => {
    const current = new Map(chapters.listLive(projectId).map((c) => [c.id, c.position]));
    order.forEach((id, position) => {
      if (current.get(id) !== position) chapters.setPosition(id, position);
    });
  };
  const renumberScenes = (chapterId: string, order: string[]) => {
    const current = new Map(scenes.listLiveMeta(chapterId).map((s) => [s.id, { position: s.position, chapterId: s.chapterId }]));
    order.forEach((id, position) => {
      const before = current.get(id);
      if (!before || before.position !== position) scenes.place(id, chapterId, position);
    });
  };

  /**
   * Runs an outline change in one transaction that also marks the project as edited, and tells
   * the UIs only once it has committed.
   */
  const edit = (projectId: string, now: number, work: () => void) => {
    inTransaction(database, () => {
      work();
      projects.touch(projectId, now);
    });
    events.emit('outline.changed', { projectId });
  };

  const service = {
    outline(projectId: string): Outline {
      liveProject(projectId);
      const byChapter = new Map<string, SceneMeta[]>();
      let wordCount = 0;
      for (const row of scenes.listLiveMetaByProject(projectId)) {
        const list = byChapter.get(row.chapterId) ?? [];
        list.push(toSceneMeta(row));
        byChapter.set(row.chapterId, list);
      }
      const outlineChapters = chapters.listLive(projectId).map((row) => {
        const chapterScenes = (byChapter.get(row.id) ?? []).sort((a, b) => a.position - b.position);
        for (const scene of chapterScenes) wordCount += scene.wordCount;
        return { ...toChapter(row), scenes: chapterScenes };
      });
      return { projectId, chapters: outlineChapters, wordCount };
    },

    createChapter(input: { projectId: string; title: string; synopsis: string; position?: number | undefined }): Chapter {
      const now = clock.now();
      const id = ids.newId();
      edit(input.projectId, now, () => {
        liveProject(input.projectId);
        const siblings = chapters.listLive(input.projectId).map((c) => c.id);
        chapters.insert({ id, projectId: input.projectId, title: input.title, synopsis: input.synopsis, position: siblings.length, createdAt: now, updatedAt: now });
        if (input.position !== undefined) renumberChapters(input.projectId, reorder(siblings, id, input.position));
      });
      return toChapter(chapters.findAny(id) as NonNullable<ReturnType<typeof chapters.findAny>>);
    },

    updateChapter(input: { id: string; title?: string | undefined; synopsis?: string | undefined }): Chapter {
      const now = clock.now();
      const chapter = liveChapter(input.id);
      edit(chapter.projectId, now, () => {
        chapters.update(input.id, { ...(input.title !== undefined && { title: input.title }), ...(input.synopsis !== undefined && { synopsis: input.synopsis }) }, now);
      });
      return toChapter(chapters.findAny(input.id) as NonNullable<ReturnType<typeof chapters.findAny>>);
    },

    moveChapter(input: { id: string; position: number }): Outline {
      const chapter = liveChapter(input.id);
      edit(chapter.projectId, clock.now(), () => {
        const siblings = chapters.listLive(chapter.projectId).map((c) => c.id);
        renumberChapters(chapter.projectId, reorder(siblings, chapter.id, input.position));
      });
      return service.outline(chapter.projectId);
    },

    deleteChapter(id: string): void {
      const chapter = liveChapter(id);
      const now = clock.now();
      edit(chapter.projectId, now, () => {
        chapters.setDeleted(id, now);
        renumberChapters(chapter.projectId, chapters.listLive(chapter.projectId).map((c) => c.id));
      });
    },

    createScene(input: { chapterId: string; title: string; position?: number | undefined; content?: DocNode }): SceneMeta {
      const chapter = liveChapter(input.chapterId);
      const now = clock.now();
      const id = ids.newId();
      const text = measureDocument(input.content ?? emptyDocument());
      edit(chapter.projectId, now, () => {
        const siblings = scenes.listLiveMeta(chapter.id).map((s) => s.id);
        scenes.insert({ id, projectId: chapter.projectId, chapterId: chapter.id, title: input.title, position: siblings.length, ...text, createdAt: now, updatedAt: now });
        if (input.position !== undefined) renumberScenes(chapter.id, reorder(siblings, id, input.position));
      });
      return toSceneMeta(scenes.findMeta(id) as NonNullable<ReturnType<typeof scenes.findMeta>>);
    },

    getScene(id: string): Scene {
      liveScene(id);
      return toScene(scenes.findAny(id) as NonNullable<ReturnType<typeof scenes.findAny>>);
    },

    updateScene(input: { id: string; title?: string | undefined; synopsis?: string | undefined; status?: SceneStatus | undefined; pov?: string | undefined }): SceneMeta {
      const scene = liveScene(input.id);
      const now = clock.now();
      const { id: _id, ...fields } = input;
      const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      edit(scene.projectId, now, () => {
        scenes.update(scene, changes, now);
      });
      return toSceneMeta(scenes.findMeta(input.id) as NonNullable<ReturnType<typeof scenes.findMeta>>);
    },

    moveScene(input: { id: string; chapterId: string; position: number }): Outline {
      const scene = liveScene(input.id);
      const target = liveChapter(input.chapterId);
      if (target.projectId !== scene.projectId) {
        throw new AppError(ErrorCode.INVALID_INPUT, 'A scene can only move to a chapter of the same project.');
      }
      edit(scene.projectId, clock.now(), () => {
        const targetSiblings = scenes.listLiveMeta(target.id).map((s) => s.id);
        if (scene.chapterId !== target.id) {
          // Close the gap in the chapter the scene leaves.
          renumberScenes(scene.chapterId, scenes.listLiveMeta(scene.chapterId).map((s) => s.id).filter((sid) => sid !== scene.id));
        }
        renumberScenes(target.id, reorder(targetSiblings, scene.id, input.position));
      });
      return service.outline(scene.projectId);
    },

    /**
     * Autosave. Durable when it resolves: the transaction has committed with synchronous=FULL.
     * A document above the scene size limit is refused with SCENE_TOO_LARGE.
     */
    async saveScene(input: { id: string; content: DocNode; baseRevision: number }): Promise<SceneSaved> {
      liveScene(input.id);
      const text = unwrapMeasured(await measure(input.content));
      // Measuring a big document takes a while: the scene may have been renamed or trashed meanwhile.
      const scene = liveScene(input.id);
      const now = clock.now();
      const session = inTransaction(database, () => {
        if (!scenes.saveText(scene.id, scene.projectId, scene.title, input.baseRevision, text, now)) return null;
        projects.touch(scene.projectId, now);
        return sessions.record(scene.projectId, text.wordCount - scene.wordCount, now);
      });
      if (!session) {
        throw new AppError(
          ErrorCode.CONFLICT,
          'This scene was changed somewhere else (another window?) since you opened it. Choose which version to keep.',
        );
      }
      const result: SceneSaved = { id: scene.id, revision: input.baseRevision + 1, wordCount: text.wordCount, savedAt: now };
      events.emit('scene.saved', { ...result, projectId: scene.projectId, session });
      return result;
    },

    /**
     * The manuscript in reading order with each scene's document, for export. With
     * `chapterIds`, only those chapters (still in manuscript order).
     */
    readManuscript(projectId: string, chapterIds?: readonly string[]) {
      const project = liveProject(projectId);
      const wanted = chapterIds ? new Set(chapterIds) : null;
      const selected = chapters.listLive(projectId).filter((c) => wanted === null || wanted.has(c.id));
      if (wanted !== null && selected.length !== wanted.size) throw notFound('One of the chosen chapters');
      return {
        title: project.title,
        description: project.description,
        genre: project.genre,
        author: project.author,
        language: project.language,
        contact: project.contact,
        shortTitle: project.shortTitle,
        surname: project.surname,
        chapters: selected.map((chapter) => ({
          title: chapter.title,
          scenes: scenes.listLive(chapter.id).map((scene) => ({
            title: scene.title,
            content: JSON.parse(scene.content) as DocNode,
            wordCount: scene.wordCount,
          })),
        })),
      };
    },

    deleteScene(id: string): void {
      const scene = liveScene(id);
      const now = clock.now();
      edit(scene.projectId, now, () => {
        scenes.setDeleted(id, now);
        renumberScenes(scene.chapterId, scenes.listLiveMeta(scene.chapterId).map((s) => s.id));
      });
    },
  };
  return service;
}

export type ManuscriptService = ReturnType<typeof createManuscriptService>;
