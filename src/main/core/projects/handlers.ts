import type { DomainHandlers } from '../handlers';
import type { ProjectService } from './project.service';

export function createProjectHandlers(
  projects: ProjectService,
): DomainHandlers<'project.list' | 'project.get' | 'project.create' | 'project.update' | 'project.delete'> {
  return {
    'project.list': ({ includeArchived }) => projects.list(includeArchived),
    'project.get': ({ id }) => projects.get(id),
    'project.create': (input) => projects.create(input),
    'project.update': (input) => projects.update(input),
    'project.delete': ({ id }) => {
      projects.remove(id);
      return { ok: true };
    },
  };
}
