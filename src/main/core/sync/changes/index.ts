export { createSyncChanges, type SyncChanges, type DirtyRecord } from './sync-changes.service';
export { mergeRecordStates, sameRecordState, canonicalRecordState, maxClock, type RecordState, type FieldState } from './record-state';
export { createHlc, formatHlc, parseHlc, type HybridLogicalClock, type HlcParts } from './hlc';
export { SYNCED_COLLECTIONS, LOCAL_TABLES, EXISTS_FIELD, findCollection, type SyncedCollection, type SqlValue, type ChangeNotice } from './sync-registry';
export type { ApplyResult } from './remote-apply';
