import { notFound } from '../../../shared/ipc/errors';
import type { SearchHit } from '../../../shared/models/search';
import type { SceneIndex } from '../manuscript';
import type { ProjectRepo } from '../projects';

export interface SearchDeps {
  projects: ProjectRepo;
  index: SceneIndex;
}

/** Full-text search over a manuscript's scene titles and text (FTS5, ranked by bm25). */
export function createSearchService({ projects, index }: SearchDeps) {
  return {
    query(projectId: string, query: string, limit: number): SearchHit[] {
      if (!projects.findLive(projectId)) throw notFound('The project');
      return index.search(projectId, query, limit);
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
