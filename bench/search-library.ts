import { generateNKeysBetween } from 'fractional-indexing';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { DB_FILE_NAME } from '../src/main/core';
import { openDatabase } from '../src/main/core/db/connection';
import { createChapterRepo, createSceneIndex, createSceneRepo, measureDocument } from '../src/main/core/manuscript';
import { createProjectRepo } from '../src/main/core/projects';
import { generateScene } from './manuscript-generator';

/** The search rows' library: 10 projects of 1,000 scenes (10,000 scenes), each of 300 words. */
export const LIBRARY_SHAPE = { projects: 10, scenesPerProject: 1_000, wordsPerScene: 300 } as const;

export interface SearchLibrary {
  projectIds: string[];
  /** A passage of about `chars` characters copied from a scene of the project: what a writer pastes into search. */
  excerpt(projectIndex: number, chars: number): string;
}

/**
 * A data folder holding many projects (the search rows run on 10,000 scenes), written straight
 * through the repositories in one transaction with synchronous=OFF: through 10,000 autosaves
 * (each fsynced) it would take minutes. The core opens it afterwards like any data folder.
 */
export function seedSearchLibrary(dataDir: string, random: () => number, options: { projects: number; scenesPerProject: number; wordsPerScene: number }): SearchLibrary {
  const database = openDatabase({ file: path.join(dataDir, DB_FILE_NAME) });
  database.sqlite.pragma('synchronous = OFF');
  const projects = createProjectRepo(database.orm);
  const chapters = createChapterRepo(database.orm);
  const scenes = createSceneRepo(database, createSceneIndex(database.sqlite));
  const projectIds: string[] = [];
  const texts = new Map<number, string>();
  const now = Date.now();
  database.sqlite.transaction(() => {
    for (let p = 0; p < options.projects; p += 1) {
      const projectId = randomUUID();
      projectIds.push(projectId);
      projects.insert({ id: projectId, title: `Library novel ${p + 1}`, createdAt: now, updatedAt: now });
      const chapterId = randomUUID();
      chapters.insert({ id: chapterId, projectId, title: 'Chapter 1', synopsis: '', position: 'a0', createdAt: now, updatedAt: now });
      const keys = generateNKeysBetween(null, null, options.scenesPerProject);
      for (let s = 0; s < options.scenesPerProject; s += 1) {
        const text = measureDocument(generateScene(random, options.wordsPerScene));
        if (s === 0) texts.set(p, text.plainText);
        scenes.insert({ id: randomUUID(), projectId, chapterId, title: `Scene ${s + 1}`, position: keys[s] as string, ...text, createdAt: now, updatedAt: now });
      }
    }
  })();
  database.close();
  return {
    projectIds,
    excerpt(projectIndex, chars) {
      const text = (texts.get(projectIndex) ?? '').replace(/\s+/g, ' ');
      const end = text.lastIndexOf(' ', chars);
      return text.slice(0, end > 0 ? end : chars);
    },
  };
}
