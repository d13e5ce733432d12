export { createSnapshotRepo, toSnapshot, type SnapshotRepo, type SnapshotRow } from './snapshot.repo';
export { createSnapshotService, type SnapshotService, type SnapshotDeps, type SnapshotRestored } from './snapshot.service';
export { createSnapshotHandlers } from './handlers';
