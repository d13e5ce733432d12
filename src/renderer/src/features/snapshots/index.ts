export { SnapshotsPanel } from './SnapshotsPanel';
