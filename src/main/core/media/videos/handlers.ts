import type { DomainHandlers } from '../../handlers';
import type { AssetService } from '../assets';
import type { VideoService } from './video.service';

export type VideoMethods =
  | 'media.videos.list'
  | 'media.videos.get'
  | 'media.videos.create'
  | 'media.videos.update'
  | 'media.videos.delete'
  | 'media.script.generate'
  | 'media.script.useDraft'
  | 'media.script.discardDraft'
  | 'media.assets.list'
  | 'media.assets.beginUpload'
  | 'media.assets.uploadChunk'
  | 'media.assets.finishUpload'
  | 'media.assets.delete';

/** The contract's videos, scripts and assets methods over their services. */
export function createVideoHandlers(videos: VideoService, assets: AssetService): DomainHandlers<VideoMethods> {
  return {
    'media.videos.list': (input) => videos.list(input.projectId),
    'media.videos.get': (input) => videos.get(input.id),
    'media.videos.create': (input) => videos.create(input),
    'media.videos.update': (input) => videos.update(input),
    'media.videos.delete': async (input) => {
      await videos.delete(input.id);
      return { ok: true };
    },
    'media.script.generate': (input) => videos.generateScript(input.id),
    'media.script.useDraft': (input) => videos.useDraft(input),
    'media.script.discardDraft': (input) => videos.discardDraft(input.id),
    'media.assets.list': (input) => assets.list(input.projectId, input.kind),
    'media.assets.beginUpload': (input) => assets.beginUpload(input),
    'media.assets.uploadChunk': (input) => assets.uploadChunk(input),
    'media.assets.finishUpload': (input) => assets.finishUpload(input),
    'media.assets.delete': async (input) => {
      await assets.delete(input.id);
      return { ok: true };
    },
  };
}
