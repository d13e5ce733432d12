export { createProjectRepo, toProject, type ProjectRepo } from './project.repo';
export { createProjectService, type ProjectService, type ProjectDeps } from './project.service';
export { createProjectHandlers } from './handlers';
