import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** How the fake serves one voice's model file. */
export type CatalogueFault = 'none' | 'checksum-mismatch' | 'not-found' | 'truncated' | 'hold';

export interface FakePiperCatalogue {
  /** The catalogue's base URL (ends with `/`), for `MediaConfig.voiceCatalogueUrl`. */
  baseUrl: string;
  setFault(key: string, fault: CatalogueFault): void;
  /** Makes `voices.json` answer 500 (or serve again). */
  setCatalogueDown(down: boolean): void;
  /** Lets held model downloads finish (the half sent so far, then the rest). */
  release(): void;
  /** Resolves once a held model download has sent its first half. */
  holding(): Promise<void>;
  /** Paths requested so far, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

const pathOf = (key: string, file: string) => {
  const [lang = 'en_US', dataset = 'test', quality = 'x_low'] = key.split('-');
  return `${lang.split('_')[0]}/${lang}/${dataset}/${quality}/${file}`;
};

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');

/**
 * A real HTTP server on 127.0.0.1 that looks like rhasspy/piper-voices: `voices.json` in
 * Hugging Face's shape and the voice files under `<lang>/<lang_REGION>/<dataset>/<quality>/`.
 * Serves the built test voices from `voicesDir`; faults are set per voice.
 */
export async function startFakePiperCatalogue(voicesDir: string, keys: readonly string[]): Promise<FakePiperCatalogue> {
  const files = new Map<string, Buffer>();
  const catalogue: Record<string, unknown> = {};
  const faults = new Map<string, CatalogueFault>();
  const requests: string[] = [];
  let catalogueDown = false;
  let releaseHeld: () => void = () => undefined;
  let held = new Promise<void>((resolve) => (releaseHeld = resolve));
  let onHolding: () => void = () => undefined;
  const holdingNow = new Promise<void>((resolve) => (onHolding = resolve));

  for (const key of keys) {
    const config = JSON.parse(readFileSync(path.join(voicesDir, `${key}.onnx.json`), 'utf8')) as { num_speakers: number; speaker_id_map: Record<string, number> };
    const entry: Record<string, { size_bytes: number; md5_digest: string }> = {};
    for (const file of [`${key}.onnx`, `${key}.onnx.json`, 'MODEL_CARD']) {
      const data = file === 'MODEL_CARD' ? Buffer.from(`# Model card for ${key}\nLicense: test\n`) : readFileSync(path.join(voicesDir, file));
      files.set(pathOf(key, file), data);
      entry[pathOf(key, file)] = { size_bytes: data.length, md5_digest: md5(data) };
    }
    const [lang = 'en_US', dataset = 'test', quality = 'x_low'] = key.split('-');
    const [family = 'en', region = 'US'] = lang.split('_');
    catalogue[key] = {
      key,
      name: dataset,
      language: { code: lang, family, region, name_native: 'English', name_english: 'English', country_english: 'United States' },
      quality,
      num_speakers: config.num_speakers,
      speaker_id_map: config.speaker_id_map,
      files: entry,
      aliases: [],
    };
  }

  const keyOfModel = (urlPath: string) => keys.find((key) => urlPath === pathOf(key, `${key}.onnx`));

  const serveModel = async (res: ServerResponse, key: string, data: Buffer) => {
    const fault = faults.get(key) ?? 'none';
    if (fault === 'not-found') return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Entry not found');
    const body = fault === 'checksum-mismatch' ? Buffer.from(data.map((byte, i) => (i === data.length - 1 ? byte ^ 0xff : byte))) : data;
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) });
    const half = Math.floor(body.length / 2);
    if (fault === 'truncated') {
      // Headers and half the body reach the client first; then the connection drops.
      res.flushHeaders();
      return void res.write(body.subarray(0, half), () => setImmediate(() => res.socket?.destroy()));
    }
    if (fault === 'hold') {
      res.write(body.subarray(0, half));
      onHolding();
      await held;
      if (res.destroyed) return;
      return void res.end(body.subarray(half));
    }
    res.end(body);
  };

  const server = createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname.replace(/^\//, ''));
    requests.push(urlPath);
    if (urlPath === 'voices.json') {
      if (catalogueDown) return void res.writeHead(500).end('down');
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(catalogue));
    }
    const data = files.get(urlPath);
    if (!data) return void res.writeHead(404).end('Entry not found');
    const key = keyOfModel(urlPath);
    if (key) return void serveModel(res, key, data);
    res.writeHead(200, { 'content-length': String(data.length) }).end(data);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/`,
    setFault: (key, fault) => faults.set(key, fault),
    setCatalogueDown: (down) => (catalogueDown = down),
    release() {
      releaseHeld();
      held = new Promise<void>((resolve) => (releaseHeld = resolve));
    },
    holding: () => holdingNow,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        releaseHeld();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
