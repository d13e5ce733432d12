import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AppError, ErrorCode } from '../../../../../shared/ipc/errors';
import { piperLanguageName } from './piper.engine';

/** Piper's voice catalogue (rhasspy/piper-voices on Hugging Face), pinned to a release. */
export const DEFAULT_VOICE_CATALOGUE_URL = 'https://huggingface.co/rhasspy/piper-voices/resolve/v1.0.0/';

const fileSchema = z.looseObject({ size_bytes: z.number().int().nonnegative(), md5_digest: z.string().regex(/^[0-9a-f]{32}$/i) });
const entrySchema = z.looseObject({
  key: z.string().optional(),
  name: z.string(),
  language: z.looseObject({ code: z.string(), name_english: z.string().optional(), country_english: z.string().optional() }),
  quality: z.string(),
  num_speakers: z.number().int().positive().default(1),
  files: z.record(z.string(), fileSchema),
  /** Not in rhasspy's catalogue (licences are in each voice's MODEL_CARD), but read when a mirror adds it. */
  license: z.string().optional(),
});

/** A file to download, relative to the catalogue's base URL, with its size and MD5. */
export interface CatalogueFile {
  path: string;
  sizeBytes: number;
  md5: string;
}

/** One downloadable voice. */
export interface CatalogueVoice {
  key: string;
  /** The dataset's name ("lessac"). */
  name: string;
  languageCode: string;
  languageName: string | null;
  quality: string;
  numSpeakers: number;
  model: CatalogueFile;
  config: CatalogueFile;
  license: string | null;
}

/** The catalogue as last read: from the network this launch, or the cached copy. */
export interface CatalogueSnapshot {
  voices: CatalogueVoice[];
  source: 'network' | 'cache' | 'none';
  /** Why the network copy could not be had, when it could not (a sentence). */
  problem: string | null;
}

export interface VoiceCatalogue {
  readonly baseUrl: string;
  /** The catalogue: fetched once per launch (or again with `refresh`), else the cached copy. */
  load(options?: { refresh?: boolean; signal?: AbortSignal }): Promise<CatalogueSnapshot>;
  /** The URL of a catalogue file. */
  urlOf(file: CatalogueFile): string;
}

/** Reads voices.json: entries that do not have one `.onnx` and one `.onnx.json` file are left out. */
export function parseCatalogue(json: unknown): CatalogueVoice[] {
  if (typeof json !== 'object' || json === null) throw new Error('voices.json is not an object');
  const voices: CatalogueVoice[] = [];
  for (const [key, raw] of Object.entries(json)) {
    const entry = entrySchema.safeParse(raw);
    if (!entry.success) continue;
    const files = Object.entries(entry.data.files).map(([filePath, f]) => ({ path: filePath, sizeBytes: f.size_bytes, md5: f.md5_digest.toLowerCase() }));
    const model = files.find((f) => f.path.endsWith(`${key}.onnx`));
    const config = files.find((f) => f.path.endsWith(`${key}.onnx.json`));
    if (!model || !config) continue;
    const { language } = entry.data;
    voices.push({
      key,
      name: entry.data.name,
      languageCode: language.code,
      languageName: piperLanguageName(language),
      quality: entry.data.quality,
      numSpeakers: entry.data.num_speakers,
      model,
      config,
      license: entry.data.license ?? null,
    });
  }
  return voices.sort((a, b) => a.key.localeCompare(b.key));
}

export interface VoiceCatalogueOptions {
  baseUrl?: string;
  /** Where the last fetched voices.json is kept (`<dataDir>/voices/piper-catalogue.json`). */
  cacheFile: string;
  fetch?: typeof fetch;
  /** How long a fetch may take before the cached copy is used (ms). */
  timeoutMs?: number;
  /** After a failed fetch, how long the saved copy is used without asking again (ms). */
  retryAfterMs?: number;
  now?: () => number;
}

const reasonOf = (error: unknown) => (error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error));

/** Piper's catalogue, fetched on demand and kept in the data folder for offline use. */
export function createVoiceCatalogue(options: VoiceCatalogueOptions): VoiceCatalogue {
  const baseUrl = (options.baseUrl ?? DEFAULT_VOICE_CATALOGUE_URL).replace(/\/?$/, '/');
  const fetchImpl = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  let fetched: CatalogueVoice[] | null = null;
  /** The last failure, so an offline voice picker does not wait on the network at every opening. */
  let failed: { at: number; reason: string } | null = null;

  const fromNetwork = async (signal?: AbortSignal): Promise<CatalogueVoice[]> => {
    const timeout = AbortSignal.timeout(options.timeoutMs ?? 15_000);
    const response = await fetchImpl(new URL('voices.json', baseUrl), { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`.trim());
    const text = await response.text();
    const voices = parseCatalogue(JSON.parse(text));
    await mkdir(path.dirname(options.cacheFile), { recursive: true });
    await writeFile(`${options.cacheFile}.part`, text);
    await rename(`${options.cacheFile}.part`, options.cacheFile);
    return voices;
  };

  const fromCache = async (): Promise<CatalogueVoice[] | null> => {
    try {
      return parseCatalogue(JSON.parse(await readFile(options.cacheFile, 'utf8')));
    } catch {
      return null;
    }
  };

  return {
    baseUrl,
    async load({ refresh = false, signal } = {}) {
      if (fetched && !refresh) return { voices: fetched, source: 'network', problem: null };
      const recentFailure = failed !== null && !refresh && now() - failed.at < (options.retryAfterMs ?? 60_000);
      let reason = failed?.reason ?? '';
      if (!recentFailure) {
        try {
          fetched = await fromNetwork(signal);
          failed = null;
          return { voices: fetched, source: 'network', problem: null };
        } catch (error) {
          if (signal?.aborted) throw new AppError(ErrorCode.CANCELLED, 'Loading the voice catalogue was stopped.');
          reason = reasonOf(error);
          failed = { at: now(), reason };
        }
      }
      const cached = await fromCache();
      const why = `The Piper voice catalogue could not be downloaded (${reason})`;
      if (cached) return { voices: cached, source: 'cache', problem: `${why}; showing the copy saved earlier.` };
      return { voices: [], source: 'none', problem: `${why}, and it has never been downloaded: connect to the internet to see the voices you can add.` };
    },
    urlOf: (file) => new URL(file.path.split('/').map(encodeURIComponent).join('/'), baseUrl).href,
  };
}
