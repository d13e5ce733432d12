import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectCreateSchema } from '../../../../shared/models/project';
import { TINY_RENDER } from '../../../testing/render-doubles';
import { createTestCore, type TestCore } from '../../../testing/test-core';

const cores: TestCore[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.dispose();
});

/** A core with the real videos part behind renders (no render sources given). */
function openCore(dataDir: string): TestCore {
  const test = createTestCore({ dataDir, config: { media: { render: TINY_RENDER } } });
  cores.push(test);
  return test;
}

async function renderedVideo(test: TestCore) {
  const project = test.core.services.projects.create(projectCreateSchema.parse({ title: 'Lifecycle' }));
  const created = await test.call('media.videos.create', { projectId: project.id, title: 'Short', source: { kind: 'blank' }, format: 'youtube-720p', generateScript: false });
  const script = { scenes: [{ id: crypto.randomUUID(), narration: 'The tide came in.', caption: 'Tide', visual: '', image: { kind: 'title-card' as const, text: '', background: '#223344' }, durationHintSec: null }] };
  const video = await test.call('media.videos.update', { id: created.id, baseRevision: created.revision, script, voice: { engine: 'espeak-ng', voice: 'en-us', speed: 1, pitch: 0 } });
  const started = await test.call('media.renders.start', { id: video.id });
  await test.core.services.jobs.whenFinished(started.jobId ?? '');
  const render = await test.call('media.renders.get', { id: started.id });
  expect(render.status).toBe('done');
  return { project, video, render, dir: path.join(test.dataDir, 'media', 'renders', render.id) };
}

describe('renders follow their video', () => {
  it('deleting a video deletes its renders and their files', async () => {
    const test = openCore(mkdtempSync(path.join(os.tmpdir(), 'nova-render-life-')));
    const { video, render, dir } = await renderedVideo(test);
    expect(existsSync(path.join(dir, 'video.mp4'))).toBe(true);
    await test.call('media.videos.delete', { id: video.id });
    await expect.poll(() => existsSync(dir)).toBe(false);
    await expect(test.call('media.renders.get', { id: render.id })).rejects.toThrow(/NOT_FOUND/);
  });

  it('renders whose video went with its project are removed at the next start', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nova-render-life-'));
    const first = openCore(dataDir);
    const { project, render, dir } = await renderedVideo(first);
    first.core.services.projects.remove(project.id);
    await first.call('trash.empty', { confirm: true });
    first.dispose();
    cores.splice(cores.indexOf(first), 1);
    const second = openCore(dataDir);
    await expect.poll(() => existsSync(dir)).toBe(false);
    await expect(second.call('media.renders.get', { id: render.id })).rejects.toThrow(/NOT_FOUND/);
  });
});
