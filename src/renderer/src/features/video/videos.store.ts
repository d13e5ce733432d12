import { create } from 'zustand';
import type { Video, VideoCreate } from '../../../../shared/models/media';
import { errorMessage, type Api } from '../../lib/api';

type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

interface VideosState {
  /** The project whose videos are listed. */
  projectId: string | null;
  /** Newest first, as the core lists them. */
  videos: Video[];
  status: LoadStatus;
  error: string | null;
  load(projectId: string): Promise<void>;
  /** A `media.changed` event: re-reads the list when it is about this project. */
  mediaChanged(event: { projectId: string }): void;
  create(input: Omit<VideoCreate, 'format' | 'generateScript'> & Partial<Pick<VideoCreate, 'format' | 'generateScript'>>): Promise<Video>;
  /** Renames a video from the list (the open one is renamed through its editor, which owns its revision). */
  rename(video: Video, title: string): Promise<void>;
  remove(videoId: string): Promise<void>;
  /** Puts a newer version of one video (from the editor) into the list. */
  put(video: Video): void;
  reset(): void;
}

/** Replaces a video in the list when the given one is at least as new. */
function merge(videos: readonly Video[], video: Video): Video[] {
  const index = videos.findIndex((v) => v.id === video.id);
  if (index === -1) return [video, ...videos];
  const known = videos[index];
  if (known && known.revision > video.revision) return [...videos];
  return videos.map((v, i) => (i === index ? video : v));
}

/** A project's videos, for the video view's list. Kept current by `media.changed`. */
export const createVideosStore = (api: Api) =>
  create<VideosState>()((set, get) => {
    let seq = 0;
    return {
      projectId: null,
      videos: [],
      status: 'idle',
      error: null,
      async load(projectId) {
        const mine = ++seq;
        if (get().projectId !== projectId) set({ projectId, videos: [], status: 'loading', error: null });
        try {
          const videos = await api.call('media.videos.list', { projectId });
          if (mine === seq) set({ videos, status: 'ready', error: null });
        } catch (error) {
          if (mine === seq) set({ status: 'error', error: errorMessage(error) });
        }
      },
      mediaChanged(event) {
        if (event.projectId === get().projectId) void get().load(event.projectId);
      },
      async create(input) {
        const video = await api.call('media.videos.create', { format: 'youtube-1080p', generateScript: true, ...input });
        set((state) => ({ videos: state.projectId === video.projectId ? merge(state.videos, video) : state.videos }));
        return video;
      },
      async rename(video, title) {
        const updated = await api.call('media.videos.update', { id: video.id, baseRevision: video.revision, title });
        get().put(updated);
      },
      async remove(videoId) {
        await api.call('media.videos.delete', { id: videoId });
        set((state) => ({ videos: state.videos.filter((v) => v.id !== videoId) }));
      },
      put(video) {
        set((state) => ({ videos: state.projectId === video.projectId ? merge(state.videos, video) : state.videos }));
      },
      reset() {
        seq += 1;
        set({ projectId: null, videos: [], status: 'idle', error: null });
      },
    };
  });
export type VideosStore = ReturnType<typeof createVideosStore>;
