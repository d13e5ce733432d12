/**
 * The sync engine (issue 10): the cloud client, the account session and keys, and sync rounds
 * (pull, verify the feed's hash chain, open, merge, push) as a durable job.
 */
export { createSyncEngine, type SyncEngine, type SyncEngineConfig, type SyncEngineDeps } from './sync-engine.service';
export { createCloudClient, appErrorOfCloud, CloudCallError, DEFAULT_RETRY, type CloudClient, type CloudClientDeps, type CloudRequest, type RetryPolicy } from './cloud-client';
export { createCloudApi, type CloudApi } from './cloud-api';
export { SNAPSHOT_FOLDER } from './local-snapshots';
