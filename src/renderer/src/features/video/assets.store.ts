import { create } from 'zustand';
import type { MediaAsset, MediaAssetKind } from '../../../../shared/models/media';
import { errorMessage, type Api } from '../../lib/api';
import { uploadAsset, type UploadSource } from './upload';

type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** One import in flight (or failed), shown with a progress bar where it was started. */
export interface UploadState {
  /** Where it was started ("scene:<id>", "music"), so only that place shows it. */
  slot: string;
  fileName: string;
  sentBytes: number;
  totalBytes: number;
  error: string | null;
}

interface AssetsState {
  projectId: string | null;
  /** Newest first. */
  assets: MediaAsset[];
  status: LoadStatus;
  error: string | null;
  uploads: Record<string, UploadState>;
  load(projectId: string): Promise<void>;
  mediaChanged(event: { projectId: string }): void;
  /** Imports a file; resolves with the asset, or null when it failed (the slot shows why). */
  upload(projectId: string, slot: string, file: UploadSource): Promise<MediaAsset | null>;
  dismissUpload(slot: string): void;
  reset(): void;
}

/** A project's images and music, and the imports in flight. */
export const createAssetsStore = (api: Api) =>
  create<AssetsState>()((set, get) => {
    let seq = 0;
    const setUpload = (slot: string, patch: Partial<UploadState>) =>
      set((state) => {
        const held = state.uploads[slot];
        return held ? { uploads: { ...state.uploads, [slot]: { ...held, ...patch } } } : {};
      });
    return {
      projectId: null,
      assets: [],
      status: 'idle',
      error: null,
      uploads: {},
      async load(projectId) {
        const mine = ++seq;
        if (get().projectId !== projectId) set({ projectId, assets: [], status: 'loading', error: null, uploads: {} });
        try {
          const assets = await api.call('media.assets.list', { projectId });
          if (mine === seq) set({ assets, status: 'ready', error: null });
        } catch (error) {
          if (mine === seq) set({ status: 'error', error: errorMessage(error) });
        }
      },
      mediaChanged(event) {
        if (event.projectId === get().projectId) void get().load(event.projectId);
      },
      async upload(projectId, slot, file) {
        set((state) => ({ uploads: { ...state.uploads, [slot]: { slot, fileName: file.name, sentBytes: 0, totalBytes: file.size, error: null } } }));
        try {
          const asset = await uploadAsset(api, projectId, file, (sentBytes) => setUpload(slot, { sentBytes }));
          set((state) => {
            const { [slot]: _done, ...uploads } = state.uploads;
            const assets = state.projectId === asset.projectId ? [asset, ...state.assets.filter((a) => a.id !== asset.id)] : state.assets;
            return { uploads, assets };
          });
          return asset;
        } catch (error) {
          setUpload(slot, { error: errorMessage(error) });
          return null;
        }
      },
      dismissUpload(slot) {
        set((state) => {
          const { [slot]: _gone, ...uploads } = state.uploads;
          return { uploads };
        });
      },
      reset() {
        seq += 1;
        set({ projectId: null, assets: [], status: 'idle', error: null, uploads: {} });
      },
    };
  });
export type AssetsStore = ReturnType<typeof createAssetsStore>;

/** The assets of one kind. */
export const assetsOfKind = (assets: readonly MediaAsset[], kind: MediaAssetKind) => assets.filter((a) => a.kind === kind);
