import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptScene } from '../../../../shared/models/media';
import { importAsset, makeMediaSamples, type MediaSamples } from '../../../testing/media-fixtures';
import { createTestCore, doc, type TestCore } from '../../../testing/test-core';

let samples: MediaSamples;
beforeAll(() => {
  samples = makeMediaSamples();
});
afterAll(() => samples.dispose());

let t: TestCore;
const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

async function setup(options: { onDisk?: boolean } = {}) {
  let now = 1_000_000;
  t = createTestCore({ inMemory: !options.onDisk, config: { textWorker: null, clock: { now: () => (now += 1) } } });
  cleanups.push(() => t.dispose());
  const events: Array<{ name: string; payload: unknown }> = [];
  t.core.events.subscribe((name, payload) => {
    if (name === 'media.changed') events.push({ name, payload });
  });
  const project = await t.call('project.create', { title: 'The Salt Road' });
  return { project, events };
}

const errorOf = async (method: string, input: unknown) => {
  const result = await t.raw(method, input);
  if (result.ok) throw new Error(`${method} succeeded`);
  return result.error;
};
const scene = (narration: string, extra: Partial<ScriptScene> = {}) => ({ id: crypto.randomUUID(), narration, ...extra });

describe('videos', () => {
  it('creates a blank video with sensible defaults, lists newest first, and says so with media.changed', async () => {
    const { project, events } = await setup();
    const first = await t.call('media.videos.create', { projectId: project.id, title: 'Trailer', source: { kind: 'blank' } });
    expect(first).toMatchObject({
      projectId: project.id,
      title: 'Trailer',
      source: { kind: 'blank' },
      script: { scenes: [] },
      voice: { engine: 'espeak-ng', voice: 'en-us', speed: 1, pitch: 0 },
      music: null,
      format: 'youtube-1080p',
      captions: 'burned',
      thumbnail: { atSec: 1, title: 'Trailer' },
      draft: null,
      revision: 0,
    });
    const second = await t.call('media.videos.create', { projectId: project.id, title: 'Short', source: { kind: 'idea', idea: 'A lighthouse.' }, format: 'shorts-1080x1920', generateScript: false });
    expect(second).toMatchObject({ format: 'shorts-1080x1920', draft: null, script: { scenes: [] } });
    expect((await t.call('media.videos.list', { projectId: project.id })).map((v) => v.title)).toEqual(['Short', 'Trailer']);
    expect(await t.call('media.videos.get', { id: first.id })).toEqual(first);
    expect(events.map((e) => e.payload)).toEqual([
      { projectId: project.id, videoId: first.id },
      { projectId: project.id, videoId: second.id },
    ]);
  });

  it('updates any field on the current revision (+1 each time); a stale revision is a conflict that loses nothing', async () => {
    const { project, events } = await setup();
    const video = await t.call('media.videos.create', { projectId: project.id, title: 'Trailer', source: { kind: 'blank' } });
    const script = { scenes: [scene('The lamp goes out.', { caption: 'Darkness' })] };
    const one = await t.call('media.videos.update', { id: video.id, baseRevision: 0, script, title: 'The Trailer', captions: 'soft' });
    expect(one).toMatchObject({ revision: 1, title: 'The Trailer', captions: 'soft', script: { scenes: [{ narration: 'The lamp goes out.', caption: 'Darkness', visual: '', image: null, durationHintSec: null }] } });
    const two = await t.call('media.videos.update', {
      id: video.id,
      baseRevision: 1,
      voice: { engine: 'openai', voice: 'alloy', speed: 1.2, pitch: 0 },
      format: 'youtube-720p',
      thumbnail: { atSec: 3, title: 'Out now' },
    });
    expect(two).toMatchObject({ revision: 2, voice: { engine: 'openai', speed: 1.2 }, format: 'youtube-720p', thumbnail: { atSec: 3, title: 'Out now' }, script: one.script });
    const stale = await errorOf('media.videos.update', { id: video.id, baseRevision: 1, script: { scenes: [] } });
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toContain('changed elsewhere');
    expect((await t.call('media.videos.get', { id: video.id })).script).toEqual(one.script);
    expect(events).toHaveLength(3);
  });

  it('checks references: an image or music must be one of this project’s assets, of the right kind', async () => {
    const { project } = await setup();
    const other = await t.call('project.create', { title: 'Another book' });
    const image = await importAsset(t, project.id, 'card.png', samples.png);
    const sound = await importAsset(t, project.id, 'tone.wav', samples.wav);
    const elsewhere = await importAsset(t, other.id, 'card.png', samples.png);
    const video = await t.call('media.videos.create', { projectId: project.id, title: 'Trailer', source: { kind: 'blank' } });
    const withImage = (assetId: string) => ({ scenes: [scene('One.'), scene('Two.', { image: { kind: 'asset', assetId } })] });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ script: withImage(crypto.randomUUID()) }, 'Scene 2’s image is not one of this project’s images'],
      [{ script: withImage(elsewhere.id) }, 'Scene 2’s image is not one of this project’s images'],
      [{ script: withImage(sound.id) }, 'Scene 2’s image is a sound file'],
      [{ music: { assetId: image.id } }, 'The music is an image'],
      [{ music: { assetId: crypto.randomUUID() } }, 'The music is not one of this project’s sound files'],
    ];
    for (const [change, message] of cases) {
      const error = await errorOf('media.videos.update', { id: video.id, baseRevision: 0, ...change });
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toContain(message);
    }
    const ok = await t.call('media.videos.update', { id: video.id, baseRevision: 0, script: withImage(image.id), music: { assetId: sound.id } });
    expect(ok).toMatchObject({ revision: 1, music: { assetId: sound.id, gainDb: -18 } });
    const twins = { scenes: [scene('One.'), scene('Two.')] };
    twins.scenes[1] = { ...twins.scenes[1], id: twins.scenes[0]?.id ?? '' } as (typeof twins.scenes)[number];
    expect((await errorOf('media.videos.update', { id: video.id, baseRevision: 1, script: twins })).message).toContain('same id');
  });

  it('answers bad input with INVALID_INPUT through the router', async () => {
    const { project } = await setup();
    const video = await t.call('media.videos.create', { projectId: project.id, title: 'Trailer', source: { kind: 'blank' } });
    const bad: Array<[string, unknown]> = [
      ['media.videos.create', { projectId: project.id, title: ' ', source: { kind: 'blank' } }],
      ['media.videos.create', { projectId: project.id, title: 'X', source: { kind: 'idea', idea: '' } }],
      ['media.videos.create', { projectId: project.id, title: 'X', source: { kind: 'blank' }, format: '4k' }],
      ['media.videos.update', { id: video.id, baseRevision: 0, script: { scenes: [{ id: crypto.randomUUID() }] } }],
      ['media.videos.update', { id: video.id, baseRevision: 0, script: { scenes: [scene('x', { image: { kind: 'title-card', text: '', background: 'red' } })] } }],
      ['media.videos.update', { id: video.id, baseRevision: 0, captions: 'loud' }],
      ['media.videos.update', { id: video.id, baseRevision: -1 }],
      ['media.script.useDraft', { id: video.id }],
    ];
    for (const [method, input] of bad) expect(await errorOf(method, input), method).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await errorOf('media.videos.get', { id: crypto.randomUUID() })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await errorOf('media.videos.create', { projectId: project.id, title: 'X', source: { kind: 'chapter', chapterId: crypto.randomUUID() } })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await errorOf('media.script.generate', { id: video.id })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await errorOf('media.script.useDraft', { id: video.id, baseRevision: 0 })).toMatchObject({ code: 'CONFLICT' });
  });

  it('deletes a video; a project’s videos go with it, in the trash and for good', async () => {
    const { project, events } = await setup({ onDisk: true });
    const video = await t.call('media.videos.create', { projectId: project.id, title: 'Trailer', source: { kind: 'blank' } });
    const kept = await t.call('media.videos.create', { projectId: project.id, title: 'Kept', source: { kind: 'blank' } });
    expect(await t.call('media.videos.delete', { id: video.id })).toEqual({ ok: true });
    expect(await errorOf('media.videos.get', { id: video.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect(events.at(-1)?.payload).toEqual({ projectId: project.id, videoId: video.id });
    const rows = () => {
      const db = new Database(t.core.info.dbFile, { readonly: true });
      try {
        return (db.prepare('SELECT id FROM videos').all() as Array<{ id: string }>).map((r) => r.id);
      } finally {
        db.close();
      }
    };
    expect(rows()).toEqual([kept.id]);
    // In the trash, the project's videos are out of reach but kept; restored, they are back.
    await t.call('project.delete', { id: project.id });
    expect(await errorOf('media.videos.list', { projectId: project.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await errorOf('media.videos.get', { id: kept.id })).toMatchObject({ code: 'NOT_FOUND' });
    await t.call('trash.restore', { kind: 'project', id: project.id });
    expect((await t.call('media.videos.get', { id: kept.id })).title).toBe('Kept');
    // Deleted for good: the videos go with the project.
    await t.call('project.delete', { id: project.id });
    await t.call('trash.empty', { confirm: true });
    expect(rows()).toEqual([]);
  });
});

describe('a chapter’s script from its manuscript text, without a model', () => {
  it('makes one script scene per manuscript scene (per few paragraphs of a long one), narrating the text under the scene’s title', async () => {
    const { project } = await setup();
    const chapter = await t.call('chapter.create', { projectId: project.id, title: 'The Harbour' });
    const arrival = await t.call('scene.create', { chapterId: chapter.id, title: 'Arrival' });
    await t.call('scene.save', { id: arrival.id, content: doc('Mara waits at the harbour.', 'The boat is late.'), baseRevision: 0 });
    await t.call('scene.create', { chapterId: chapter.id, title: 'Empty' });
    const storm = await t.call('scene.create', { chapterId: chapter.id, title: 'The storm' });
    const long = Array.from({ length: 12 }, (_, n) => `Paragraph ${n + 1}: the wind rose and the sea came over the wall, again and again, until the town went quiet and only the lamp was left.`);
    await t.call('scene.save', { id: storm.id, content: doc(...long), baseRevision: 0 });
    const video = await t.call('media.videos.create', { projectId: project.id, title: 'The Harbour, read', source: { kind: 'chapter', chapterId: chapter.id }, generateScript: false });
    expect(video.draft).toBeNull();
    const [first, ...rest] = video.script.scenes;
    expect(first).toMatchObject({ narration: 'Mara waits at the harbour.\n\nThe boat is late.', caption: 'Arrival', image: { kind: 'title-card', text: 'Arrival' } });
    expect(rest.length).toBeGreaterThan(1);
    expect(rest.every((s) => s.caption === 'The storm' && s.narration.length <= 900)).toBe(true);
    expect(rest.map((s) => s.narration).join('\n\n')).toBe(long.join('\n\n'));
    expect(new Set(video.script.scenes.map((s) => s.id)).size).toBe(video.script.scenes.length);
  });

  it('refuses a chapter with no text yet, with or without the crew', async () => {
    const { project } = await setup();
    const chapter = await t.call('chapter.create', { projectId: project.id, title: 'Not yet' });
    await t.call('scene.create', { chapterId: chapter.id, title: 'Blank' });
    for (const generateScript of [false, true]) {
      const error = await errorOf('media.videos.create', { projectId: project.id, title: 'X', source: { kind: 'chapter', chapterId: chapter.id }, generateScript });
      expect(error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('no text yet') });
    }
    expect(await t.call('media.videos.list', { projectId: project.id })).toEqual([]);
    expect(await t.call('runs.list', { projectId: project.id })).toEqual([]);
  });
});
