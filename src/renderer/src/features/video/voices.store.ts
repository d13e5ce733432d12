import { create } from 'zustand';
import type { TtsEngineId, VoiceCatalogueStatus, VoiceEntry, VoiceInstall, VoiceProfile } from '../../../../shared/models/media';
import { errorMessage, type Api } from '../../lib/api';

type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** A spoken sample for the picker. */
export interface VoicePreview {
  url: string;
  durationSec: number;
  notice: string | null;
}

interface VoicesState {
  voices: VoiceEntry[];
  /** Where the list of Piper voices to download came from, and why it could not be downloaded. */
  catalogue: VoiceCatalogueStatus | null;
  status: LoadStatus;
  error: string | null;
  /** Downloads in flight or just finished, by voice id. */
  installs: Record<string, VoiceInstall>;
  preview: VoicePreview | null;
  previewBusy: boolean;
  previewError: string | null;
  /** Reads the voices; `refresh` asks for the catalogue again now (the picker's Try again). */
  load(options?: { refresh?: boolean }): Promise<void>;
  install(voiceId: string): Promise<void>;
  /** A `media.voice.changed` event: a download's progress; once installed, the list is read again. */
  voiceChanged(install: VoiceInstall): void;
  speak(voice: VoiceProfile, text?: string): Promise<void>;
}

/** An engine's voices for the picker: installed ones first (by name), then the catalogue's. */
export function voicesFor(voices: readonly VoiceEntry[], engine: TtsEngineId): VoiceEntry[] {
  return voices
    .filter((v) => v.engine === engine)
    .sort((a, b) => Number(b.installed) - Number(a.installed) || a.name.localeCompare(b.name));
}

/** Each engine's usual English voice, picked first when the writer switches to that engine. */
const PREFERRED: Record<TtsEngineId, string> = { piper: 'en_US-lessac-medium', 'espeak-ng': 'en-us', openai: 'alloy' };

/**
 * The voice to take when the writer switches engine: one of the new engine's installed voices
 * in the current voice's language, else its usual English voice, else any English one, else
 * the first installed; null when it has none installed.
 */
export function defaultVoiceFor(voices: readonly VoiceEntry[], engine: TtsEngineId, language?: string): VoiceEntry | null {
  const installed = voicesFor(voices, engine).filter((v) => v.installed);
  const lang = (tag: string | undefined) => tag?.toLowerCase().replace('_', '-');
  return (
    (language ? installed.find((v) => lang(v.language) === lang(language)) : undefined) ??
    installed.find((v) => v.id === PREFERRED[engine]) ??
    installed.find((v) => lang(v.language)?.startsWith('en')) ??
    installed[0] ??
    null
  );
}

/** The voices the writer can pick and the Piper voices they can download, with the picker's Preview. */
export const createVoicesStore = (api: Api) =>
  create<VoicesState>()((set, get) => ({
    voices: [],
    catalogue: null,
    status: 'idle',
    error: null,
    installs: {},
    preview: null,
    previewBusy: false,
    previewError: null,
    async load(options = {}) {
      if (get().status !== 'ready') set({ status: 'loading', error: null });
      try {
        const { voices, catalogue } = await api.call('media.voices.list', options.refresh === true ? { refresh: true } : {});
        set({ voices, catalogue, status: 'ready', error: null });
      } catch (error) {
        set({ status: 'error', error: errorMessage(error) });
      }
    },
    async install(voiceId) {
      set((state) => ({ installs: { ...state.installs, [voiceId]: { voiceId, status: 'downloading', receivedBytes: 0, totalBytes: null, error: null } } }));
      try {
        get().voiceChanged(await api.call('media.voices.install', { voiceId }));
      } catch (error) {
        set((state) => ({ installs: { ...state.installs, [voiceId]: { voiceId, status: 'failed', receivedBytes: 0, totalBytes: null, error: { code: 'FAILED', message: errorMessage(error) } } } }));
      }
    },
    voiceChanged(install) {
      const held = get().installs[install.voiceId];
      // A late progress report never hides the download's end.
      if (held && held.status !== 'downloading' && install.status === 'downloading') return;
      if (held?.status === 'downloading' && install.status === 'downloading' && install.receivedBytes < held.receivedBytes) return;
      set((state) => ({ installs: { ...state.installs, [install.voiceId]: install } }));
      if (install.status === 'installed' && held?.status !== 'installed') {
        set((state) => ({ voices: state.voices.map((v) => (v.id === install.voiceId && v.engine === 'piper' ? { ...v, installed: true } : v)) }));
        void get().load();
      }
    },
    async speak(voice, text) {
      set({ previewBusy: true, previewError: null });
      try {
        const result = await api.call('media.voices.preview', { voice, ...(text?.trim() && { text: text.trim().slice(0, 500) }) });
        set({ preview: { url: result.file.url, durationSec: result.durationSec, notice: result.notice }, previewBusy: false });
      } catch (error) {
        set({ previewBusy: false, previewError: errorMessage(error) });
      }
    },
  }));
export type VoicesStore = ReturnType<typeof createVoicesStore>;
