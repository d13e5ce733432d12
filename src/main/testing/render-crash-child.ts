/**
 * A core in its own process for the render crash test: opens `--data DIR` with the render test
 * doubles, adds the video and assets described in FIXTURE (JSON: {video, assets: {id: path}}),
 * starts its render drawing one scene at a time and prints `render <id>`, so the test can
 * SIGKILL it mid-render.
 *
 *   node --import tsx src/main/testing/render-crash-child.ts DIR FIXTURE
 */
import { readFileSync } from 'node:fs';
import type { Video } from '../../shared/models/media';
import { projectCreateSchema } from '../../shared/models/project';
import { createCore } from '../core';
import { silentLogger } from '../core/platform/logger';
import { createFakeSources, TINY_RENDER } from './render-doubles';

const [dataDir, fixtureFile] = process.argv.slice(2);
if (!dataDir || !fixtureFile) throw new Error('usage: render-crash-child.ts DIR FIXTURE');
const fixture = JSON.parse(readFileSync(fixtureFile, 'utf8')) as { video: Video; assets: Record<string, string> };
const sources = createFakeSources();
const core = createCore({
  dataDir,
  logger: silentLogger(),
  media: { render: { ...TINY_RENDER, segmentConcurrency: 1 }, renderSources: sources},
});
const project = core.services.projects.create(projectCreateSchema.parse({ title: 'Crash' }));
for (const [id, file] of Object.entries(fixture.assets)) sources.assets.set(id, { path: file, kind: 'image' });
sources.addVideo({ ...fixture.video, projectId: project.id });
void Promise.resolve(core.handlers['media.renders.start']({ id: fixture.video.id }, { transport: 'direct' })).then((render) => process.stdout.write(`render ${render.id}\n`));
