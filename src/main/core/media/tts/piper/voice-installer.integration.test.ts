import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VoiceInstall } from '../../../../../shared/models/media';
import { startFakePiperCatalogue, type FakePiperCatalogue } from '../../../../testing/fake-piper-catalogue';
import { buildPiperTestVoices, TEST_VOICE } from '../../../../testing/piper-test-voice';
import { createPiperVoiceStore, type PiperVoiceStore } from './piper-voice-store';
import { createVoiceCatalogue, parseCatalogue } from './voice-catalogue';
import { createVoiceInstaller, type VoiceInstaller } from './voice-installer';

let built: string;
let server: FakePiperCatalogue;
let dataDir: string;
let store: PiperVoiceStore;
let changes: VoiceInstall[];
let installer: VoiceInstaller;
let now: number;

beforeAll(() => {
  built = buildPiperTestVoices();
});

const setUp = (baseUrl: string) => {
  const catalogue = createVoiceCatalogue({ baseUrl, cacheFile: path.join(dataDir, 'voices', 'piper-catalogue.json') });
  installer = createVoiceInstaller({ store, catalogue, clock: { now: () => (now += 100) }, onChange: (c) => changes.push(c), progressEveryMs: 250 });
  return catalogue;
};

beforeEach(async () => {
  server = await startFakePiperCatalogue(built, [TEST_VOICE.key, TEST_VOICE.multiKey]);
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'nova-voice-install-'));
  store = createPiperVoiceStore(path.join(dataDir, 'voices', 'piper'));
  changes = [];
  now = 0;
  setUp(server.baseUrl);
});
afterEach(async () => {
  installer.close();
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

const modelBytes = async (key: string) => (await readFile(path.join(built, `${key}.onnx`))).length + (await readFile(path.join(built, `${key}.onnx.json`))).length;
const folderFiles = async (key: string) => (await readdir(path.join(store.dir, key)).catch(() => [])).sort();

describe('the Piper voice catalogue', () => {
  it('reads Hugging Face’s voices.json, caches it in the data folder, and uses the cached copy offline', async () => {
    const catalogue = setUp(server.baseUrl);
    const online = await catalogue.load();
    expect(online.source).toBe('network');
    expect(online.voices.map((v) => v.key)).toEqual([TEST_VOICE.multiKey, TEST_VOICE.key]);
    expect(online.voices[1]).toMatchObject({ name: 'test', languageCode: 'en_US', languageName: 'English (United States)', quality: 'x_low', numSpeakers: 1, license: null });
    expect(online.voices[1]?.model.path).toBe(`en/en_US/test/x_low/${TEST_VOICE.key}.onnx`);

    server.setCatalogueDown(true);
    let clock = 0;
    const offlineCatalogue = createVoiceCatalogue({ baseUrl: server.baseUrl, cacheFile: path.join(dataDir, 'voices', 'piper-catalogue.json'), now: () => clock, retryAfterMs: 60_000 });
    const offline = await offlineCatalogue.load();
    expect(offline.source).toBe('cache');
    expect(offline.voices).toEqual(online.voices);
    expect(offline.problem).toBe('The Piper voice catalogue could not be downloaded (the server answered 500 Internal Server Error); showing the copy saved earlier.');

    // Within a minute of a failure the saved copy answers without asking the network again.
    const asked = () => server.requests.filter((r) => r === 'voices.json').length;
    const before = asked();
    clock = 59_000;
    expect((await offlineCatalogue.load()).problem).toBe(offline.problem);
    expect(asked()).toBe(before);
    server.setCatalogueDown(false);
    clock = 61_000;
    expect(await offlineCatalogue.load()).toMatchObject({ source: 'network', problem: null });
    expect(asked()).toBe(before + 1);
  });

  it('says so when it was never fetched and cannot be now', async () => {
    await server.close();
    const snapshot = await setUp(server.baseUrl).load();
    expect(snapshot.source).toBe('none');
    expect(snapshot.voices).toEqual([]);
    expect(snapshot.problem).toMatch(/^The Piper voice catalogue could not be downloaded \(.+\), and it has never been downloaded: connect to the internet to see the voices you can add\.$/);
    await expect(installer.install(TEST_VOICE.key)).rejects.toMatchObject({ code: 'NOT_FOUND', message: snapshot.problem });
  });

  it('leaves out entries without a model and a config file', () => {
    const file = { size_bytes: 1, md5_digest: '0'.repeat(32) };
    const entry = (files: Record<string, typeof file>) => ({ name: 'x', language: { code: 'en_US' }, quality: 'low', num_speakers: 1, files });
    expect(parseCatalogue({ 'en_US-a-low': entry({ 'a/en_US-a-low.onnx': file }), 'en_US-b-low': entry({ 'b/en_US-b-low.onnx': file, 'b/en_US-b-low.onnx.json': file }), bad: 3 }).map((v) => v.key)).toEqual(['en_US-b-low']);
  });
});

describe('installing a Piper voice', () => {
  it('downloads the model and config with md5 checks into voices/piper/<key>/, reporting progress', async () => {
    const first = await installer.install(TEST_VOICE.key);
    expect(first).toEqual({ voiceId: TEST_VOICE.key, status: 'downloading', receivedBytes: 0, totalBytes: await modelBytes(TEST_VOICE.key), error: null });
    const done = await installer.settled(TEST_VOICE.key);
    expect(done).toMatchObject({ status: 'installed', receivedBytes: await modelBytes(TEST_VOICE.key), error: null });
    expect(await folderFiles(TEST_VOICE.key)).toEqual([`${TEST_VOICE.key}.onnx`, `${TEST_VOICE.key}.onnx.json`]);
    expect(await readFile(path.join(store.dir, TEST_VOICE.key, `${TEST_VOICE.key}.onnx`))).toEqual(await readFile(path.join(built, `${TEST_VOICE.key}.onnx`)));
    expect(changes[0]?.status).toBe('downloading');
    expect(changes.at(-1)).toEqual(done);
    expect(store.lastKnown().map((v) => v.key)).toEqual([TEST_VOICE.key]);
    expect(await installer.install(TEST_VOICE.key)).toMatchObject({ status: 'installed', error: null });
    expect(server.requests.filter((r) => r.endsWith('.onnx'))).toHaveLength(1);
  });

  it('shares one download between concurrent installs of a voice, and can be cancelled leaving nothing', async () => {
    server.setFault(TEST_VOICE.key, 'hold');
    const [a, b] = await Promise.all([installer.install(TEST_VOICE.key), installer.install(TEST_VOICE.key)]);
    expect(a.status).toBe('downloading');
    expect(b.status).toBe('downloading');
    await server.holding();
    await vi.waitFor(() => expect(installer.current(TEST_VOICE.key)?.receivedBytes).toBeGreaterThan(0));
    const joined = await installer.install(TEST_VOICE.key);
    expect(joined).toEqual(installer.current(TEST_VOICE.key));
    expect(joined.status).toBe('downloading');
    expect(server.requests.filter((r) => r.endsWith(`${TEST_VOICE.key}.onnx`))).toHaveLength(1);
    installer.close();
    const end = await installer.settled(TEST_VOICE.key);
    expect(end).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED', message: `The download of the voice “${TEST_VOICE.key}” was stopped.` } });
    expect(await folderFiles(TEST_VOICE.key)).toEqual([]);
    expect(await store.installed()).toEqual([]);
  });

  const failures: Array<[string, 'checksum-mismatch' | 'not-found' | 'truncated', string]> = [
    ['a checksum mismatch', 'checksum-mismatch', `the downloaded ${TEST_VOICE.key}.onnx is damaged (its checksum does not match the catalogue’s). Try again.`],
    ['a 404', 'not-found', `the voice server answered 404 Not Found for en/en_US/test/x_low/${TEST_VOICE.key}.onnx.`],
  ];
  it.each(failures)('installs nothing after %s and says why', async (_name, fault, reason) => {
    server.setFault(TEST_VOICE.key, fault);
    await installer.install(TEST_VOICE.key);
    const end = await installer.settled(TEST_VOICE.key);
    expect(end).toMatchObject({ status: 'failed', error: { code: 'PROVIDER_FAILED', message: `The voice “${TEST_VOICE.key}” was not installed: ${reason}` } });
    expect(await folderFiles(TEST_VOICE.key)).toEqual([]);
    expect(changes.at(-1)).toEqual(end);
    // A failure is not remembered: the next install tries again.
    server.setFault(TEST_VOICE.key, 'none');
    await installer.install(TEST_VOICE.key);
    expect(await installer.settled(TEST_VOICE.key)).toMatchObject({ status: 'installed' });
  });

  it('installs nothing when the body is cut short', async () => {
    server.setFault(TEST_VOICE.key, 'truncated');
    await installer.install(TEST_VOICE.key);
    const end = await installer.settled(TEST_VOICE.key);
    expect(end?.status).toBe('failed');
    expect(end?.error?.message).toMatch(new RegExp(`^The voice “${TEST_VOICE.key}” was not installed: the download of ${TEST_VOICE.key}\\.onnx (broke off after \\d+ bytes|broke off \\(.+\\)|was cut short \\(\\d+ of \\d+ bytes\\))\\. Try again\\.$`));
    expect(await folderFiles(TEST_VOICE.key)).toEqual([]);
  });

  it('says the server is down, and never counts a folder with only one of the files as a voice', async () => {
    await installer.install(TEST_VOICE.key).then(() => installer.settled(TEST_VOICE.key));
    await rm(path.join(store.dir, TEST_VOICE.key, `${TEST_VOICE.key}.onnx.json`));
    await mkdir(path.join(store.dir, 'a..b'));
    await mkdir(path.join(store.dir, '.staging'));
    expect(await store.installed()).toEqual([]);
    await server.close();
    await installer.install(TEST_VOICE.key);
    const end = await installer.settled(TEST_VOICE.key);
    expect(end).toMatchObject({ status: 'failed', error: { code: 'PROVIDER_UNREACHABLE' } });
    expect(end?.error?.message).toMatch(/was not installed: the voice server could not be reached \(.+\)\. Check the internet connection and try again\.$/);
    expect(await folderFiles(TEST_VOICE.key)).toEqual([`${TEST_VOICE.key}.onnx`]);
  });

  it('refuses a key that is not a voice name, and one the catalogue does not have', async () => {
    await expect(installer.install('../../etc')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(installer.install('xx_XX-nobody-low')).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'There is no Piper voice “xx_XX-nobody-low” in the catalogue.' });
  });

  it('throttles progress while bytes arrive, and always tells the end', async () => {
    const times: number[] = [];
    const catalogue = createVoiceCatalogue({ baseUrl: server.baseUrl, cacheFile: path.join(dataDir, 'c.json') });
    // Every clock read is 100 ms later; notices at least 250 ms apart.
    const throttled = createVoiceInstaller({ store, catalogue, clock: { now: () => (now += 100) }, onChange: (c) => (changes.push(c), times.push(now)), progressEveryMs: 250 });
    await throttled.install(TEST_VOICE.multiKey);
    const end = await throttled.settled(TEST_VOICE.multiKey);
    const progress = times.slice(1, -1);
    expect(progress.length).toBeGreaterThanOrEqual(1);
    for (let i = 1; i < progress.length; i += 1) expect((progress[i] ?? 0) - (progress[i - 1] ?? 0)).toBeGreaterThanOrEqual(250);
    const received = changes.map((c) => c.receivedBytes);
    expect(received).toEqual([...received].sort((a, b) => a - b));
    expect(changes.at(-1)).toEqual(end);
    expect(end?.status).toBe('installed');
  });
});
