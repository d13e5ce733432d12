import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { CodexEntry } from '../../../shared/models/codex';
import type { DocNode } from '../../../shared/models/document';
import type { Outline, Scene } from '../../../shared/models/manuscript';
import { documentToPlainText } from '../../../shared/text/document-text';
import type { BookScene, ContinuityStepRunner, RunBook } from './run.types';

export interface RunBookDeps {
  project(projectId: string): { title: string; genre: string; tone: string; description: string } | undefined;
  manuscript: { outline(projectId: string): Outline; getScene(id: string): Scene };
  codex: { list(projectId: string): CodexEntry[] };
}

const textOf = (content: DocNode) => documentToPlainText(content);

/** Reads the book for run scopes: the manuscript and codex services as they are now. */
export function createRunBook(deps: RunBookDeps): RunBook {
  const scene = (id: string): BookScene | undefined => {
    try {
      const found = deps.manuscript.getScene(id);
      return { id: found.id, chapterId: found.chapterId, title: found.title, synopsis: found.synopsis, text: textOf(found.content), revision: found.revision };
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) return undefined;
      throw error;
    }
  };
  return {
    project: (projectId) => {
      const project = deps.project(projectId);
      return project && { title: project.title, genre: project.genre, tone: project.tone, description: project.description };
    },
    chapter(projectId, chapterId) {
      const chapter = deps.manuscript.outline(projectId).chapters.find((candidate) => candidate.id === chapterId);
      if (!chapter) return undefined;
      const scenes = chapter.scenes.map((meta) => scene(meta.id)).filter((found): found is BookScene => found !== undefined);
      return { id: chapter.id, title: chapter.title, synopsis: chapter.synopsis, scenes };
    },
    scene,
    entries: (projectId) =>
      deps.codex.list(projectId).map((entry) => ({ id: entry.id, name: entry.name, kind: entry.kind, description: entry.description, profile: entry.profile })),
  };
}

/**
 * The continuity step over the memory issue's scene check: every scene of the chapter is
 * checked (idempotent: a scene's facts and issues are replaced), then the chapter's open issues
 * are the output.
 */
export function continuityStepOver(deps: {
  outline(projectId: string): Outline;
  checkScene(sceneId: string, signal: AbortSignal): Promise<unknown>;
  openIssues(projectId: string): Array<{ summary: string; found: { type: string; id: string } }>;
}): ContinuityStepRunner {
  return {
    async check({ projectId, chapterId, signal }) {
      const chapter = deps.outline(projectId).chapters.find((candidate) => candidate.id === chapterId);
      if (!chapter) throw new AppError(ErrorCode.NOT_FOUND, 'The chapter of this run no longer exists.');
      for (const meta of chapter.scenes) await deps.checkScene(meta.id, signal);
      const sceneIds = new Set(chapter.scenes.map((meta) => meta.id));
      const issues = deps.openIssues(projectId).filter((issue) => issue.found.type === 'scene' && sceneIds.has(issue.found.id));
      return { issues: issues.map((issue) => ({ summary: issue.summary, sceneId: issue.found.id })) };
    },
  };
}
