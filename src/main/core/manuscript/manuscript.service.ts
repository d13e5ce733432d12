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
import { keyAfter, placeAt, type Placed } from './positions';
import { toScene, toSceneMeta, type SceneRepo, type SceneTextUpdate } from './scene.repo';
import type { SceneDocPushed, SceneTextSaved, SceneTextStore } from './scene-text.types';

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
  /** Scene text as a CRDT; without it a stale save is refused (CONFLICT) and the column is the only copy. */
  sceneText?: SceneTextStore;
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

  /**
   * The key that puts a row at `index` among `siblings` (in order, without the row): one write
   * for the row; neighbours move only when two of them share a key (positions.ts).
   */
  const keyAt = (siblings: readonly Placed[], index: number | undefined, shift: (row: Placed) => void): string => {
    if (index === undefined) return keyAfter(siblings);
    const { position, shifted } = placeAt(siblings, index);
    shifted.forEach(shift);
    return position;
  };
  /** A chapter's ordinal among the live chapters of its project. */
  const chapterOrdinal = (projectId: string, id: string) => chapters.listLive(projectId).findIndex((c) => c.id === id);
  /** A scene's ordinal among the live scenes of its chapter. */
  const sceneOrdinal = (chapterId: string, id: string) => scenes.listLiveMeta(chapterId).findIndex((s) => s.id === id);

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

  /** The save's write: through the scene documents when there are some, else guarded by the revision. */
  const storeText = (
    scene: { id: string; projectId: string; title: string },
    input: { content: DocNode; baseRevision: number; ownBase?: boolean | undefined },
    measured: SceneTextUpdate,
    now: number,
  ): SceneTextSaved | null => {
    if (deps.sceneText) {
      return deps.sceneText.save({ scene, content: input.content, baseRevision: input.baseRevision, ownBase: input.ownBase === true, measured, now });
    }
    if (!scenes.saveText(scene.id, scene.projectId, scene.title, input.baseRevision, measured, now)) return null;
    return { revision: input.baseRevision + 1, text: measured, content: null };
  };

  /**
   * A text write and everything that follows it: the project marked as edited and the day's
   * writing session in the same transaction; then `scene.saved`, which the search index's
   * neighbours (memory indexing, summaries, continuity, open editors) listen to. `store`
   * answers null when nothing was stored (a stale save with no merge, an update already held).
   */
  const commitText = (scene: { id: string; projectId: string; title: string; wordCount: number }, now: number, store: () => SceneTextSaved | null): SceneTextSaved | null => {
    const outcome = inTransaction(database, () => {
      const stored = store();
      if (!stored) return null;
      projects.touch(scene.projectId, now);
      return { stored, session: sessions.record(scene.projectId, stored.text.wordCount - scene.wordCount, now) };
    });
    if (!outcome) return null;
    const { stored, session } = outcome;
    events.emit('scene.saved', { id: scene.id, revision: stored.revision, wordCount: stored.text.wordCount, savedAt: now, projectId: scene.projectId, session });
    return stored;
  };

  const sceneTextStore = (): SceneTextStore => {
    if (!deps.sceneText) throw new AppError(ErrorCode.INVALID_INPUT, 'Scene documents are not available in this build.');
    return deps.sceneText;
  };

  const service = {
    outline(projectId: string): Outline {
      liveProject(projectId);
      const byChapter = new Map<string, SceneMeta[]>();
      let wordCount = 0;
      for (const row of scenes.listLiveMetaByProject(projectId)) {
        const list = byChapter.get(row.chapterId) ?? [];
        list.push(toSceneMeta(row, list.length));
        byChapter.set(row.chapterId, list);
      }
      const outlineChapters = chapters.listLive(projectId).map((row, position) => {
        // The rows come in (chapter, key, id) order: a scene's ordinal is its place in its list.
        const chapterScenes = byChapter.get(row.id) ?? [];
        for (const scene of chapterScenes) wordCount += scene.wordCount;
        return { ...toChapter(row, position), scenes: chapterScenes };
      });
      return { projectId, chapters: outlineChapters, wordCount };
    },

    createChapter(input: { projectId: string; title: string; synopsis: string; position?: number | undefined }): Chapter {
      const now = clock.now();
      const id = ids.newId();
      edit(input.projectId, now, () => {
        liveProject(input.projectId);
        const position = keyAt(chapters.listLive(input.projectId), input.position, (row) => chapters.setPosition(row.id, row.position));
        chapters.insert({ id, projectId: input.projectId, title: input.title, synopsis: input.synopsis, position, createdAt: now, updatedAt: now });
      });
      return toChapter(chapters.findAny(id) as NonNullable<ReturnType<typeof chapters.findAny>>, chapterOrdinal(input.projectId, id));
    },

    updateChapter(input: { id: string; title?: string | undefined; synopsis?: string | undefined }): Chapter {
      const now = clock.now();
      const chapter = liveChapter(input.id);
      edit(chapter.projectId, now, () => {
        chapters.update(input.id, { ...(input.title !== undefined && { title: input.title }), ...(input.synopsis !== undefined && { synopsis: input.synopsis }) }, now);
      });
      return toChapter(chapters.findAny(input.id) as NonNullable<ReturnType<typeof chapters.findAny>>, chapterOrdinal(chapter.projectId, input.id));
    },

    moveChapter(input: { id: string; position: number }): Outline {
      const chapter = liveChapter(input.id);
      edit(chapter.projectId, clock.now(), () => {
        const live = chapters.listLive(chapter.projectId);
        if (live.findIndex((c) => c.id === chapter.id) === Math.min(input.position, live.length - 1)) return;
        const siblings = live.filter((c) => c.id !== chapter.id);
        chapters.setPosition(chapter.id, keyAt(siblings, input.position, (row) => chapters.setPosition(row.id, row.position)));
      });
      return service.outline(chapter.projectId);
    },

    deleteChapter(id: string): void {
      const chapter = liveChapter(id);
      const now = clock.now();
      edit(chapter.projectId, now, () => {
        // Its key stays: restored from the trash, it comes back between the same neighbours.
        chapters.setDeleted(id, now);
      });
    },

    createScene(input: { chapterId: string; title: string; position?: number | undefined; content?: DocNode }): SceneMeta {
      const chapter = liveChapter(input.chapterId);
      const now = clock.now();
      const id = ids.newId();
      const text = measureDocument(input.content ?? emptyDocument());
      edit(chapter.projectId, now, () => {
        const position = keyAt(scenes.listLiveMeta(chapter.id), input.position, (row) => scenes.place(row.id, chapter.id, row.position));
        scenes.insert({ id, projectId: chapter.projectId, chapterId: chapter.id, title: input.title, position, ...text, createdAt: now, updatedAt: now });
      });
      return toSceneMeta(scenes.findMeta(id) as NonNullable<ReturnType<typeof scenes.findMeta>>, sceneOrdinal(chapter.id, id));
    },

    /** A live scene's project, chapter and title, without its text or place (cheap: for checks and job titles). */
    sceneHeader(id: string): { id: string; projectId: string; chapterId: string; title: string } {
      const { projectId, chapterId, title } = liveScene(id);
      return { id, projectId, chapterId, title };
    },

    getScene(id: string): Scene {
      const scene = liveScene(id);
      return toScene(scenes.findAny(id) as NonNullable<ReturnType<typeof scenes.findAny>>, sceneOrdinal(scene.chapterId, id));
    },

    updateScene(input: { id: string; title?: string | undefined; synopsis?: string | undefined; status?: SceneStatus | undefined; pov?: string | undefined }): SceneMeta {
      const scene = liveScene(input.id);
      const now = clock.now();
      const { id: _id, ...fields } = input;
      const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      edit(scene.projectId, now, () => {
        scenes.update(scene, changes, now);
      });
      return toSceneMeta(scenes.findMeta(input.id) as NonNullable<ReturnType<typeof scenes.findMeta>>, sceneOrdinal(scene.chapterId, input.id));
    },

    moveScene(input: { id: string; chapterId: string; position: number }): Outline {
      const scene = liveScene(input.id);
      const target = liveChapter(input.chapterId);
      if (target.projectId !== scene.projectId) {
        throw new AppError(ErrorCode.INVALID_INPUT, 'A scene can only move to a chapter of the same project.');
      }
      edit(scene.projectId, clock.now(), () => {
        const live = scenes.listLiveMeta(target.id);
        if (scene.chapterId === target.id && live.findIndex((s) => s.id === scene.id) === Math.min(input.position, live.length - 1)) return;
        // The chapter it leaves keeps its keys: a gap in fractional keys is no gap in the order.
        const siblings = live.filter((s) => s.id !== scene.id);
        scenes.place(scene.id, target.id, keyAt(siblings, input.position, (row) => scenes.place(row.id, target.id, row.position)));
      });
      return service.outline(scene.projectId);
    },

    /**
     * Autosave. Durable when it resolves: the transaction has committed with synchronous=FULL.
     * A save based on an older revision is merged with the newer text when the scene text is a
     * CRDT (the answer then carries the merged text); CONFLICT when it cannot be. A document
     * above the scene size limit is refused with SCENE_TOO_LARGE.
     */
    async saveScene(input: { id: string; content: DocNode; baseRevision: number; ownBase?: boolean | undefined }): Promise<SceneSaved> {
      liveScene(input.id);
      const measured = unwrapMeasured(await measure(input.content));
      // Measuring a big document takes a while: the scene may have been renamed or trashed meanwhile.
      const scene = liveScene(input.id);
      const now = clock.now();
      const stored = commitText(scene, now, () => storeText(scene, input, measured, now));
      if (!stored) {
        throw new AppError(
          ErrorCode.CONFLICT,
          'This scene was changed somewhere else (another window?) since you opened it. Choose which version to keep.',
        );
      }
      const result: SceneSaved = { id: scene.id, revision: stored.revision, wordCount: stored.text.wordCount, savedAt: now };
      return stored.content ? { ...result, content: stored.content } : result;
    },

    /**
     * An open editor's own edits, as a Yjs update of the scene's document (scene.doc.push):
     * merged and stored durably like a save (revision, word count, search index, writing
     * session, `scene.saved`). Idempotent: an update already merged stores nothing. Answers
     * with what the editor lacks of the document (given its `stateVector`), so edits made
     * elsewhere meanwhile come back in the same round trip.
     */
    pushSceneUpdate(input: { id: string; update: Uint8Array; stateVector: Uint8Array }): SceneDocPushed {
      const store = sceneTextStore();
      const scene = liveScene(input.id);
      const now = clock.now();
      const stored = commitText(scene, now, () => store.applyUpdate({ scene, update: input.update, now }));
      const missing = store.pull(scene.id, input.stateVector);
      const wordCount = stored ? stored.text.wordCount : (scenes.findMeta(scene.id)?.wordCount ?? scene.wordCount);
      return { id: scene.id, revision: missing.revision, wordCount, savedAt: stored ? now : null, update: missing.update };
    },

    /** The scene's document as a Yjs update: all of it, or what a holder of `stateVector` lacks. */
    pullSceneDoc(input: { id: string; stateVector?: Uint8Array | undefined }): { id: string; revision: number; update: Uint8Array } {
      const store = sceneTextStore();
      liveScene(input.id);
      const pulled = store.pull(input.id, input.stateVector);
      return { id: input.id, ...pulled };
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
      });
    },
  };
  return service;
}

export type ManuscriptService = ReturnType<typeof createManuscriptService>;
