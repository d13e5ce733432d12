import type { DocMark, DocNode } from '../../shared/models/document';
import type { Clock } from '../core/platform/clock';
import { sequentialIds } from '../core/testing/domain-fixture';
import { createTestCore, type TestCore } from './test-core';
import { seededRandom } from '../core/platform/seeded-random';

/** A clock the test moves. */
export function manualClock(start = 1_800_000_000_000): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, advance: (ms) => void (now += ms) };
}

/** A device: a real core on its own database file, with sequential ids that match the other devices'. */
export interface Device extends TestCore {
  clock: ReturnType<typeof manualClock>;
}


/** A device; `seed` (different per device) fixes its Yjs client ids. */
export function createDevice(seed: number): Device {
  const clock = manualClock();
  const core = createTestCore({ config: { ids: sequentialIds(), clock, textWorker: null, random: seededRandom(seed) } });
  return Object.assign(core, { clock });
}

/** Creates the same project (one chapter, one scene) on each device; returns the scene id. */
export async function sameScene(...devices: Device[]): Promise<string> {
  const ids = new Set<string>();
  for (const device of devices) {
    const project = await device.call('project.create', { title: 'The Lighthouse' });
    const outline = await device.call('outline.get', { projectId: project.id });
    const scene = outline.chapters[0]?.scenes[0];
    if (!scene) throw new Error('a new project starts with a scene');
    ids.add(scene.id);
  }
  if (ids.size !== 1) throw new Error('the devices made different scene ids');
  return [...ids][0] as string;
}

/** Sends everything `from` holds of the scene to `to` as one update. */
export function sendState(from: Device, to: Device, sceneId: string) {
  return to.core.services.sceneDocs.applyRemoteUpdate(sceneId, from.core.services.sceneDocs.encodeState(sceneId));
}

/** A text run, optionally bold/italic. */
export function run(text: string, ...marks: DocMark['type'][]): DocNode {
  return marks.length === 0 ? { type: 'text', text } : { type: 'text', text, marks: marks.map((type) => ({ type })) };
}

export function para(...runs: DocNode[]): DocNode {
  return runs.length === 0 ? { type: 'paragraph' } : { type: 'paragraph', content: runs };
}

export function docOf(...paragraphs: DocNode[]): DocNode {
  return { type: 'doc', content: paragraphs };
}

/** The scene's text as plain paragraphs, for readable assertions. */
export async function paragraphsOf(device: TestCore, sceneId: string): Promise<string[]> {
  const scene = await device.call('scene.get', { id: sceneId });
  return (scene.content.content ?? []).map((block) => (block.content ?? []).map((child) => child.text ?? '').join(''));
}
