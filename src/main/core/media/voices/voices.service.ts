import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { ErrorCode } from '../../../../shared/ipc/errors';
import type { VoiceEntry, VoiceInstall, VoiceList, VoiceProfile } from '../../../../shared/models/media';
import type { Clock } from '../../platform/clock';
import { MEDIA_FOLDERS, type MediaFiles } from '../media-files.port';
import { bcp47, createVoiceCatalogue, createVoiceInstaller, encodeWav, piperVoiceName, splitVoiceId, type CatalogueVoice, type TtsStack, type TtsVoice } from '../tts';
import { sampleSentenceFor } from './voice-samples';

export interface VoicesServiceDeps {
  dataDir: string;
  tts: TtsStack;
  mediaFiles: MediaFiles;
  clock: Clock;
  /** Told of every voice download change (`media.voice.changed`). */
  onInstallChange(install: VoiceInstall): void;
  /** The Piper catalogue's base URL (tests: a local server). */
  catalogueUrl?: string;
  logger?: Logger;
}

export interface VoicePreview {
  file: Awaited<ReturnType<MediaFiles['describe']>>;
  durationSec: number;
  /** Which engine stood in, when the chosen one could not speak. */
  notice: string | null;
}

const toEntry = (voice: TtsVoice): VoiceEntry => ({
  engine: voice.engine,
  id: voice.id,
  name: voice.name,
  ...(voice.language !== undefined && { language: voice.language }),
  installed: true,
});

function catalogueEntry(voice: CatalogueVoice): VoiceEntry {
  const name = piperVoiceName(voice.key, { dataset: voice.name, languageName: voice.languageName, quality: voice.quality });
  const language = bcp47(voice.languageCode);
  return {
    engine: 'piper',
    id: voice.key,
    name,
    ...(language && { language }),
    quality: voice.quality,
    installed: false,
    sizeBytes: voice.model.sizeBytes + voice.config.sizeBytes,
    ...(voice.license !== null && { license: voice.license }),
  };
}

/** The voice picker's side of the core: the voices to choose from, downloads, and previews. */
export function createVoicesService(deps: VoicesServiceDeps) {
  const { tts } = deps;
  const catalogue = createVoiceCatalogue({
    cacheFile: path.join(deps.dataDir, 'voices', 'piper-catalogue.json'),
    now: () => deps.clock.now(),
    ...(deps.catalogueUrl !== undefined && { baseUrl: deps.catalogueUrl }),
  });
  const installer = createVoiceInstaller({ store: tts.piperStore, catalogue, clock: deps.clock, onChange: deps.onInstallChange, ...(deps.logger && { logger: deps.logger }) });
  const previewsDir = path.join(deps.dataDir, MEDIA_FOLDERS.previews);

  /** The language a voice speaks: Piper's from its config, espeak-ng's from its id, OpenAI's English. */
  const languageOf = async (voice: VoiceProfile): Promise<string | undefined> => {
    if (voice.engine === 'espeak-ng') return voice.voice;
    if (voice.engine === 'openai') return 'en';
    const installed = tts.piperStore.lastKnown().find((v) => v.key === splitVoiceId(voice.voice).key);
    return installed?.config.language?.code ?? voice.voice.split('-')[0];
  };

  return {
    installer,
    catalogue,

    /**
     * Installed voices of every engine that can run now (Piper's, espeak-ng's, OpenAI's when a
     * key is stored), then the Piper catalogue's other voices. Offline, the catalogue is the copy
     * saved last time; never fetched, only installed voices are listed. Either way `catalogue`
     * says so (logged too), for the voice picker to show; `refresh` tries the network again at once.
     */
    async list(options: { refresh?: boolean } = {}): Promise<VoiceList> {
      const [voices, snapshot] = await Promise.all([tts.tts.voices(), catalogue.load({ refresh: options.refresh === true })]);
      if (snapshot.problem) deps.logger?.warn({ source: snapshot.source }, snapshot.problem);
      const installed = new Set(voices.filter((v) => v.engine === 'piper').map((v) => v.id));
      const byKey = new Map(snapshot.voices.map((v) => [v.key, v]));
      const entries = voices.map((voice) => {
        const entry = toEntry(voice);
        const known = voice.engine === 'piper' ? byKey.get(voice.id) : undefined;
        return known ? { ...entry, quality: known.quality, ...(known.license !== null && { license: known.license }) } : entry;
      });
      const rank = { piper: 0, openai: 1, 'espeak-ng': 2 } as const;
      entries.sort((a, b) => rank[a.engine] - rank[b.engine]);
      const downloadable = snapshot.voices.filter((v) => !installed.has(v.key)).map(catalogueEntry);
      const problem = snapshot.problem === null ? {} : { problem: { code: ErrorCode.PROVIDER_UNREACHABLE, message: snapshot.problem } };
      return { voices: [...entries, ...downloadable], catalogue: { source: snapshot.source, ...problem } };
    },

    install: (voiceId: string) => installer.install(voiceId),

    /** Speaks a sample with `voice` (cache and fallback apply) into `media/previews/` and returns its file. */
    async preview(voice: VoiceProfile, text?: string, signal?: AbortSignal): Promise<VoicePreview> {
      const sentence = text ?? sampleSentenceFor(await languageOf(voice));
      const spoken = await tts.tts.synthesize({ text: sentence, profiles: tts.profilesFor(voice), ...(signal && { signal }) });
      const name = createHash('sha256').update(JSON.stringify([spoken.profile, sentence])).digest('hex').slice(0, 24);
      const file = path.join(previewsDir, `${name}.wav`);
      await mkdir(previewsDir, { recursive: true });
      await writeFile(`${file}.part`, encodeWav(spoken.audio));
      await rename(`${file}.part`, file);
      return { file: await deps.mediaFiles.describe(file, 'audio/wav'), durationSec: spoken.durationSec, notice: spoken.notices.length > 0 ? spoken.notices.join(' ') : null };
    },

    close() {
      installer.close();
    },
  };
}

export type VoicesService = ReturnType<typeof createVoicesService>;
