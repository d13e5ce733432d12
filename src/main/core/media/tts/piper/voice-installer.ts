import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { AppError, ErrorCode } from '../../../../../shared/ipc/errors';
import type { VoiceInstall } from '../../../../../shared/models/media';
import type { Clock } from '../../../platform/clock';
import type { CatalogueFile, CatalogueVoice, VoiceCatalogue } from './voice-catalogue';
import type { PiperVoiceStore } from './piper-voice-store';

export interface VoiceInstallerDeps {
  store: PiperVoiceStore;
  catalogue: VoiceCatalogue;
  /** Told of every change worth showing (throttled while bytes arrive; always at the end). */
  onChange(install: VoiceInstall): void;
  clock: Clock;
  fetch?: typeof fetch;
  logger?: Logger;
  /** Least time between two progress notices while downloading (ms). */
  progressEveryMs?: number;
}

export interface VoiceInstaller {
  /** Starts downloading a catalogue voice, or joins the download in flight; returns its state now. */
  install(key: string): Promise<VoiceInstall>;
  /** The download in flight for `key`, if any (for the voice list). */
  current(key: string): VoiceInstall | null;
  /** Waits for the download of `key` to end (tests, previews right after an install). */
  settled(key: string): Promise<VoiceInstall | null>;
  /** Stops every download; each ends as `cancelled` with nothing installed. */
  close(): void;
}

interface Download {
  state: VoiceInstall;
  /** Set as soon as the download starts; resolves with its final state. */
  done: Promise<VoiceInstall> | null;
  controller: AbortController;
}

const failure = (code: ErrorCode, message: string) => new AppError(code, message);

/**
 * Downloads Piper voices into `<dataDir>/voices/piper/<key>/`. Each file streams into a `.part`
 * file with its MD5 and size checked against the catalogue; the model is renamed into place
 * first and the config last, and the store counts a voice only when both are there — so a
 * download cut short, damaged or cancelled never becomes a voice, and leaves no `.part` behind.
 */
export function createVoiceInstaller(deps: VoiceInstallerDeps): VoiceInstaller {
  const fetchImpl = deps.fetch ?? fetch;
  const every = deps.progressEveryMs ?? 250;
  const downloads = new Map<string, Download>();
  let closed = false;

  const fetchFile = async (download: Download, file: CatalogueFile, target: string, onBytes: (n: number) => void) => {
    const url = deps.catalogue.urlOf(file);
    let response: Response;
    try {
      response = await fetchImpl(url, { signal: download.controller.signal });
    } catch (cause) {
      if (download.controller.signal.aborted) throw cause;
      const inner = cause instanceof Error && cause.cause instanceof Error ? cause.cause : null;
      // undici's socket error: the server took the request and then dropped the connection.
      if (inner && 'code' in inner && inner.code === 'UND_ERR_SOCKET') {
        throw failure(ErrorCode.PROVIDER_UNREACHABLE, `the download of ${path.basename(file.path)} broke off (${inner.message}). Try again.`);
      }
      throw failure(ErrorCode.PROVIDER_UNREACHABLE, `the voice server could not be reached (${inner?.message ?? String(cause)}). Check the internet connection and try again.`);
    }
    if (!response.ok || !response.body) throw failure(ErrorCode.PROVIDER_FAILED, `the voice server answered ${response.status} ${response.statusText}`.trim() + ` for ${file.path}.`);
    const hash = createHash('md5');
    let received = 0;
    const out = createWriteStream(target);
    const closedOut = new Promise<void>((resolve, reject) => {
      out.on('close', resolve);
      out.on('error', reject);
    });
    try {
      // A reader rather than `for await`: the DOM typings some tsconfigs load give web streams no async iterator.
      const reader = response.body.getReader();
      for (let next = await reader.read(); !next.done; next = await reader.read()) {
        const chunk = next.value;
        hash.update(chunk);
        received += chunk.byteLength;
        onBytes(chunk.byteLength);
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
    } catch (cause) {
      if (download.controller.signal.aborted) throw cause;
      throw failure(ErrorCode.PROVIDER_UNREACHABLE, `the download of ${path.basename(file.path)} broke off after ${received} bytes. Try again.`);
    } finally {
      out.end();
      await closedOut;
    }
    if (received !== file.sizeBytes) {
      throw failure(ErrorCode.PROVIDER_FAILED, `the download of ${path.basename(file.path)} was cut short (${received} of ${file.sizeBytes} bytes). Try again.`);
    }
    if (hash.digest('hex') !== file.md5) {
      throw failure(ErrorCode.PROVIDER_FAILED, `the downloaded ${path.basename(file.path)} is damaged (its checksum does not match the catalogue’s). Try again.`);
    }
  };

  const run = async (voice: CatalogueVoice, download: Download): Promise<VoiceInstall> => {
    const folder = deps.store.folderOf(voice.key);
    const modelPath = path.join(folder, `${voice.key}.onnx`);
    const parts = [`${modelPath}.part`, `${modelPath}.json.part`];
    let lastNotice = -Infinity;
    const notify = (force: boolean) => {
      const now = deps.clock.now();
      if (!force && now - lastNotice < every) return;
      lastNotice = now;
      deps.onChange({ ...download.state });
    };
    const onBytes = (n: number) => {
      download.state.receivedBytes += n;
      notify(false);
    };
    try {
      await mkdir(folder, { recursive: true });
      await fetchFile(download, voice.model, parts[0] ?? '', onBytes);
      await fetchFile(download, voice.config, parts[1] ?? '', onBytes);
      await rename(parts[0] ?? '', modelPath);
      await rename(parts[1] ?? '', `${modelPath}.json`);
      await deps.store.installed();
      download.state = { ...download.state, status: 'installed' };
    } catch (error) {
      await Promise.all(parts.map((p) => rm(p, { force: true })));
      if (download.controller.signal.aborted) {
        download.state = { ...download.state, status: 'cancelled', error: { code: ErrorCode.CANCELLED, message: `The download of the voice “${voice.key}” was stopped.` } };
      } else {
        const code = error instanceof AppError ? error.code : ErrorCode.STORAGE_FAILED;
        const reason = error instanceof AppError ? error.message : `it could not be saved (${error instanceof Error ? error.message : String(error)}).`;
        deps.logger?.warn({ voice: voice.key, err: error }, 'Piper voice download failed');
        download.state = { ...download.state, status: 'failed', error: { code, message: `The voice “${voice.key}” was not installed: ${reason}` } };
      }
    } finally {
      downloads.delete(voice.key);
    }
    notify(true);
    return download.state;
  };

  const installedState = (voice: CatalogueVoice | null, key: string): VoiceInstall => {
    const total = voice ? voice.model.sizeBytes + voice.config.sizeBytes : null;
    return { voiceId: key, status: 'installed', receivedBytes: total ?? 0, totalBytes: total, error: null };
  };

  return {
    async install(key) {
      if (closed) throw new AppError(ErrorCode.CANCELLED, 'Nova Studio is shutting down; the voice was not downloaded.');
      const inFlight = downloads.get(key);
      if (inFlight) return { ...inFlight.state };
      deps.store.folderOf(key);
      const installed = await deps.store.find(key).then(() => true, () => false);
      const { voices, problem } = await deps.catalogue.load();
      const voice = voices.find((v) => v.key === key) ?? null;
      if (installed) return installedState(voice, key);
      if (!voice) throw new AppError(ErrorCode.NOT_FOUND, problem && voices.length === 0 ? problem : `There is no Piper voice “${key}” in the catalogue.`);
      const again = downloads.get(key);
      if (again) return { ...again.state };
      const download: Download = {
        state: { voiceId: key, status: 'downloading', receivedBytes: 0, totalBytes: voice.model.sizeBytes + voice.config.sizeBytes, error: null },
        controller: new AbortController(),
        done: null,
      };
      downloads.set(key, download);
      download.done = run(voice, download);
      deps.onChange({ ...download.state });
      return { ...download.state };
    },
    current: (key) => {
      const download = downloads.get(key);
      return download ? { ...download.state } : null;
    },
    settled: async (key) => (await downloads.get(key)?.done) ?? null,
    close() {
      closed = true;
      for (const download of downloads.values()) download.controller.abort();
    },
  };
}
