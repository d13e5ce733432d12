import { create } from 'zustand';
import { ErrorCode } from '../../../../shared/ipc/errors';
import type { Video, VideoScript } from '../../../../shared/models/media';
import { ApiError, errorMessage, isNotFound, type Api } from '../../lib/api';
import { createAutosave, type Autosave, type AutosaveStatus } from '../editor/autosave';
import { classifySaveError } from '../editor/autosave';
import { changedEdits, clashes, editsOf, rebaseEdits, type VideoEdits } from './video-edits';

type LoadStatus = 'idle' | 'loading' | 'ready' | 'missing' | 'error';

/** The writer's changes that met a change made elsewhere: kept until they are re-applied or dropped. */
export interface VideoConflict {
  mine: Partial<VideoEdits>;
}

interface VideoEditorState {
  videoId: string | null;
  /** The newest stored version known. */
  server: Video | null;
  /** What the editor shows: the stored version plus the writer's changes not yet stored. */
  local: VideoEdits | null;
  status: LoadStatus;
  error: string | null;
  save: AutosaveStatus;
  saveError: string | null;
  conflict: VideoConflict | null;
  open(videoId: string): Promise<void>;
  /** Stores what is waiting and stops following the video. */
  close(): Promise<void>;
  edit(patch: Partial<VideoEdits>): void;
  /** Saves now what is waiting (before a render, using a draft, leaving). */
  flush(): Promise<void>;
  /** True while something the writer did is not stored yet (waiting, saving, or kept after a conflict). */
  hasUnsaved(): boolean;
  retrySave(): void;
  /** After a conflict: puts the writer's kept changes back on top of the newest version and saves them. */
  reapply(): Promise<void>;
  /** After a conflict: keeps the newest version as it is. */
  dropMine(): Promise<void>;
  /** A `media.changed` for this video: reads it again and folds it in. */
  refresh(): Promise<void>;
  /** Replaces the script with the crew's draft; resolves with the script it replaced (for Undo). */
  useDraft(): Promise<VideoScript>;
  discardDraft(): Promise<void>;
  /** Starts the crew on the script again. */
  regenerate(): Promise<void>;
}

const SAVE_DELAY_MS = 800;

/**
 * The open video in the video view. Edits autosave (debounced) with the video's revision; a
 * change made elsewhere to other fields is merged in silently, and one to a field the writer
 * changed too is a conflict: the newest version is shown and the writer's changes are kept in
 * {@link VideoEditorState.conflict} to re-apply — nothing typed is lost.
 */
export const createVideoEditorStore = (api: Api, onStored: (video: Video) => void = () => {}) =>
  create<VideoEditorState>()((set, get) => {
    let autosave: Autosave<VideoEdits> | null = null;
    let openSeq = 0;

    /** Takes a newer stored version, keeping the writer's untouched-field merges. */
    const adopt = (fresh: Video) => {
      const { server, local } = get();
      if (!server || server.id !== fresh.id) return;
      if (fresh.revision < server.revision) return;
      onStored(fresh);
      set({ server: fresh, local: local ? rebaseEdits(local, editsOf(server), editsOf(fresh)) : editsOf(fresh) });
    };
    /** Takes a stored version as it is (after using the draft, which saved what was waiting first). */
    const replace = (fresh: Video) => {
      onStored(fresh);
      set({ server: fresh, local: editsOf(fresh), conflict: null });
      autosave?.reset(fresh.revision);
    };

    const update = (id: string, baseRevision: number, changes: Partial<VideoEdits>) => api.call('media.videos.update', { id, baseRevision, ...changes });

    const store = async (content: VideoEdits): Promise<Video> => {
      const server = get().server;
      if (!server) throw new ApiError(ErrorCode.NOT_FOUND, 'This video is no longer open.', false);
      // A title being retyped (empty for a moment) is not saved until it has a word.
      const changes = changedEdits(editsOf(server), content.title.trim() ? content : { ...content, title: server.title });
      if (Object.keys(changes).length === 0) return server;
      try {
        return await update(server.id, server.revision, changes);
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== ErrorCode.CONFLICT) throw error;
        const fresh = await api.call('media.videos.get', { id: server.id });
        if (clashes(changes, editsOf(server), editsOf(fresh))) {
          // Show the newest version; keep the writer's changes aside to re-apply.
          onStored(fresh);
          set({ server: fresh, local: editsOf(fresh), conflict: { mine: changes } });
          throw error;
        }
        // Changed elsewhere, but not what the writer changed (the crew's draft, another field): save on top.
        adopt(fresh);
        return await update(fresh.id, fresh.revision, changes);
      }
    };

    const makeAutosave = (video: Video) =>
      createAutosave<VideoEdits, Video>({
        initialRevision: video.revision,
        delayMs: SAVE_DELAY_MS,
        // Always the newest view, not the snapshot the change was recorded with: a version
        // folded in meanwhile (refresh) must not be reverted by an older snapshot.
        save: () => store(get().local ?? editsOf(video)),
        classify: classifySaveError,
        onStatus: (status, error) => set({ save: status, saveError: error ? errorMessage(error) : null }),
        onSaved: (saved) => {
          const server = get().server;
          if (server && server.id === saved.id && saved.revision >= server.revision) {
            onStored(saved);
            set({ server: saved });
          }
        },
      });

    const dispose = async () => {
      const current = autosave;
      autosave = null;
      if (!current) return;
      await current.flush();
      current.dispose();
    };

    return {
      videoId: null,
      server: null,
      local: null,
      status: 'idle',
      error: null,
      save: 'saved',
      saveError: null,
      conflict: null,
      async open(videoId) {
        if (get().videoId === videoId && get().status === 'ready') return;
        const mine = ++openSeq;
        await dispose();
        set({ videoId, server: null, local: null, status: 'loading', error: null, save: 'saved', saveError: null, conflict: null });
        try {
          const video = await api.call('media.videos.get', { id: videoId });
          if (mine !== openSeq) return;
          autosave = makeAutosave(video);
          set({ server: video, local: editsOf(video), status: 'ready' });
        } catch (error) {
          if (mine === openSeq) set({ status: isNotFound(error) ? 'missing' : 'error', error: errorMessage(error) });
        }
      },
      async close() {
        openSeq += 1;
        await dispose();
        set({ videoId: null, server: null, local: null, status: 'idle', error: null, save: 'saved', saveError: null, conflict: null });
      },
      edit(patch) {
        const local = get().local;
        if (!local) return;
        const next = { ...local, ...patch };
        set({ local: next });
        autosave?.change(next);
      },
      flush: async () => {
        await autosave?.flush();
      },
      hasUnsaved: () => get().conflict !== null || (autosave?.hasUnsaved() ?? false),
      retrySave() {
        const local = get().local;
        if (!local || !autosave) return;
        autosave.change(local);
        void autosave.flush();
      },
      async reapply() {
        const { conflict, local, server } = get();
        if (!conflict || !local || !server || !autosave) return;
        const next = { ...local, ...conflict.mine } as VideoEdits;
        set({ local: next, conflict: null });
        autosave.change(next);
        await autosave.overwrite(server.revision);
      },
      async dropMine() {
        const { local, server } = get();
        if (!local || !server || !autosave) return;
        set({ conflict: null });
        // Whatever was typed after the conflict (on the newest version) is still saved.
        autosave.change(local);
        await autosave.overwrite(server.revision);
      },
      async refresh() {
        const videoId = get().videoId;
        if (!videoId || get().status !== 'ready') return;
        try {
          adopt(await api.call('media.videos.get', { id: videoId }));
        } catch (error) {
          if (isNotFound(error) && get().videoId === videoId) set({ status: 'missing', error: errorMessage(error) });
        }
      },
      async useDraft() {
        await get().flush();
        const { server, local, conflict } = get();
        if (!server || !local) throw new ApiError(ErrorCode.NOT_FOUND, 'This video is no longer open.', false);
        if (conflict) throw new ApiError(ErrorCode.CONFLICT, 'Re-apply or drop your kept changes first, then use the draft.', false);
        const previous = local.script;
        try {
          replace(await api.call('media.script.useDraft', { id: server.id, baseRevision: server.revision }));
        } catch (error) {
          if (error instanceof ApiError && error.code === ErrorCode.CONFLICT) await get().refresh();
          throw error;
        }
        return previous;
      },
      async discardDraft() {
        const id = get().videoId;
        if (id) adopt(await api.call('media.script.discardDraft', { id }));
      },
      async regenerate() {
        await get().flush();
        const id = get().videoId;
        if (id) adopt(await api.call('media.script.generate', { id }));
      },
    };
  });
export type VideoEditorStore = ReturnType<typeof createVideoEditorStore>;
