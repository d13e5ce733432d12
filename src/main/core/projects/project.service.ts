import { notFound } from '../../../shared/ipc/errors';
import { DEFAULT_LANGUAGE } from '../../../shared/models/language';
import type { Project, ProjectCreate, ProjectSummary, ProjectUpdate } from '../../../shared/models/project';
import { inTransaction, type AppDatabase } from '../db/connection';
import type { EventBus } from '../events';
import type { ManuscriptService } from '../manuscript';
import type { Clock, IdGenerator } from '../platform/clock';
import { toProject, type ProjectRepo } from './project.repo';

export interface ProjectDeps {
  database: AppDatabase;
  projects: ProjectRepo;
  manuscript: ManuscriptService;
  events: EventBus;
  clock: Clock;
  ids: IdGenerator;
}

/** A new project as the service takes it: schema defaults applied; publishing fields may be left out. */
export type NewProject = Required<Omit<ProjectCreate, 'author' | 'language' | 'contact'>> & Pick<ProjectCreate, 'author' | 'language' | 'contact'>;

/** Projects: the novels on the dashboard. */
export function createProjectService(deps: ProjectDeps) {
  const { database, projects, manuscript, events, clock, ids } = deps;

  const requireLive = (id: string) => {
    const row = projects.findLive(id);
    if (!row) throw notFound('The project');
    return row;
  };

  return {
    list(includeArchived: boolean): ProjectSummary[] {
      return projects.listSummaries(includeArchived);
    },

    get(id: string): ProjectSummary {
      const summary = projects.summary(id);
      if (!summary) throw notFound('The project');
      return summary;
    },

    /**
     * A new project opens on a first chapter and scene, so the writer can start typing at once.
     * Without an author it takes the author and contact block of the last project that has one:
     * a writer's name and address rarely change from one book to the next.
     */
    create(input: NewProject): Project {
      const now = clock.now();
      const id = ids.newId();
      const previous = input.author === undefined ? projects.latestWithAuthor() : undefined;
      const author = input.author ?? previous?.author ?? '';
      const contact = input.contact ?? previous?.contact ?? '';
      inTransaction(database, () => {
        projects.insert({ id, ...input, author, contact, language: input.language ?? DEFAULT_LANGUAGE, createdAt: now, updatedAt: now });
        const chapter = manuscript.createChapter({ projectId: id, title: 'Chapter 1', synopsis: '' });
        manuscript.createScene({ chapterId: chapter.id, title: 'Scene 1' });
      });
      events.emit('project.changed', { projectId: id });
      return toProject(requireLive(id));
    },

    update(input: ProjectUpdate): Project {
      const current = requireLive(input.id);
      const { id, archived, ...fields } = input;
      const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      const archivedAt = archived === undefined ? undefined : archived ? (current.archivedAt ?? clock.now()) : null;
      projects.update(id, { ...changes, ...(archivedAt !== undefined && { archivedAt }) }, clock.now());
      events.emit('project.changed', { projectId: id });
      return toProject(requireLive(id));
    },

    /** Soft delete: the project moves to the trash and can be restored. */
    remove(id: string): void {
      requireLive(id);
      projects.setDeleted(id, clock.now());
      events.emit('project.changed', { projectId: id });
    },
  };
}

export type ProjectService = ReturnType<typeof createProjectService>;
