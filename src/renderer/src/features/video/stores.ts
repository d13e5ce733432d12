export { createAssetsStore, type AssetsStore } from './assets.store';
export { createRendersStore, type RendersStore } from './renders.store';
export { createVideoEditorStore, type VideoEditorStore } from './video-editor.store';
export { createVideosStore, type VideosStore } from './videos.store';
export { createVoicesStore, type VoicesStore } from './voices.store';
