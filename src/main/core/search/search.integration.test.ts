import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, doc, type TestCore } from '../../testing/test-core';
import { projectToken } from '../manuscript';

let t: TestCore;
beforeEach(() => {
  t = createTestCore();
});
afterEach(() => t.dispose());

const WORDS = 'the keeper lamp harbour night storm ship stone stair wind salt rope letter mother river quiet ember glass window silver morning tide gull bread winter orchard bell candle shadow whisper'.split(' ');

/** Deterministic prose from a small vocabulary, so every scene shares most words (the hard case). */
function prose(seed: number, words: number): string {
  let state = seed;
  const out: string[] = [];
  for (let i = 0; i < words; i += 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out.push(WORDS[state % WORDS.length] ?? 'the');
  }
  return out.join(' ');
}

async function projectWithScenes(title: string, texts: string[]) {
  const project = await t.call('project.create', { title });
  const chapter = (await t.call('outline.get', { projectId: project.id })).chapters[0];
  if (!chapter) throw new Error('no chapter');
  const sceneIds: string[] = [];
  for (const [index, text] of texts.entries()) {
    const scene = await t.call('scene.create', { chapterId: chapter.id, title: `Scene ${index + 2}` });
    await t.call('scene.save', { id: scene.id, content: doc(text), baseRevision: 0 });
    sceneIds.push(scene.id);
  }
  return { projectId: project.id, sceneIds };
}

describe('search', () => {
  it('finds the scene a pasted passage of 500 characters comes from first, and only in the project searched', async () => {
    const texts = Array.from({ length: 12 }, (_, i) => prose(i + 1, 400));
    const mine = await projectWithScenes('Mine', texts);
    const other = await projectWithScenes('Other', texts.map((text) => `${text} quillon`));
    const source = texts[7] ?? '';
    const passage = source.slice(source.indexOf(' ', 300) + 1, source.lastIndexOf(' ', 800));
    expect(passage.length).toBeGreaterThan(450);

    const hits = await t.call('search.query', { projectId: mine.projectId, query: passage });
    expect(hits[0]?.sceneId).toBe(mine.sceneIds[7]);
    expect(hits.every((hit) => mine.sceneIds.includes(hit.sceneId))).toBe(true);
    expect(hits[0]?.snippet).toContain('\u0002');

    const elsewhere = await t.call('search.query', { projectId: other.projectId, query: passage });
    expect(elsewhere[0]?.sceneId).toBe(other.sceneIds[7]);
    expect(elsewhere.every((hit) => other.sceneIds.includes(hit.sceneId))).toBe(true);
  });

  it('still finds a pasted passage with a typo or a half-typed last word in it', async () => {
    const texts = Array.from({ length: 6 }, (_, i) => prose(i + 100, 300));
    const { projectId, sceneIds } = await projectWithScenes('Typos', texts);
    const words = (texts[2] ?? '').split(' ').slice(50, 80);
    words[10] = 'keeepr';
    const hits = await t.call('search.query', { projectId, query: `${words.join(' ')} whisp` });
    expect(hits.map((hit) => hit.sceneId)).toContain(sceneIds[2]);
  });

  it('treats FTS syntax in a long pasted query as plain text', async () => {
    const { projectId, sceneIds } = await projectWithScenes('Syntax', ['NEAR the title of x and one two three four five six seven eight nine']);
    for (const query of ['NEAR(the title) title:x * - ^ AND OR NOT " one two three four five six seven eight nine', '{title body} : one two three four five six seven eight nine ten']) {
      const result = await t.raw('search.query', { projectId, query });
      expect(result, query).toMatchObject({ ok: true });
    }
    const hits = await t.call('search.query', { projectId, query: 'NEAR the title: of x, and one two three four five six seven eight nine' });
    expect(hits.map((hit) => hit.sceneId)).toEqual([sceneIds[0]]);
  });

  it('never matches the project key the index is partitioned by', async () => {
    const { projectId } = await projectWithScenes('Keys', ['the keeper and the lamp']);
    expect(await t.call('search.query', { projectId, query: projectToken(projectId) })).toEqual([]);
    expect(await t.call('search.query', { projectId, query: 'project' })).toEqual([]);
    expect(await t.call('search.query', { projectId, query: 'keeper' })).toHaveLength(1);
  });
});
