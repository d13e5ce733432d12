/** The writer's imported images and sound files: the media domain's assets part. */
export { createAssetRepo, type AssetRepo, type AssetRow } from './asset.repo';
export { createAssetService, type AssetService, type AssetServiceDeps } from './asset.service';
export { classifyAsset, type AssetFacts } from './asset-probe';
export { UPLOAD_ABANDONED_MS } from './asset-uploads';
