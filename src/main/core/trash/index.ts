export { createTrashRepo, type TrashRepo, type TrashedRow } from './trash.repo';
export { createTrashService, type TrashService, type TrashDeps } from './trash.service';
export { createTrashHandlers } from './handlers';
