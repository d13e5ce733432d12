import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Proposal, RunDetail } from '../../../shared/models/runs';
import { startAiTestCore, type AiTestCore } from '../../testing/ai-test-core';
import { doc } from '../../testing/test-core';

/*
 * The shipped playbooks run end to end in the core: the run engine, the agents' executor and
 * prompts, the proposals, and the fake provider's rule-based agent answers. Each must finish
 * with the proposals its description promises, aimed at the right scenes and entries.
 */

let ai: AiTestCore;
const book = { projectId: '', chapterId: '', emptyChapterId: '', sceneIds: [] as string[], mara: '' };

beforeEach(async () => {
  ai = await startAiTestCore({ ollamaModels: ['llama3.2:latest'], config: () => ({ ai: { retry: { maxAttempts: 1 } }, continuityIdleMs: 60_000 }) });
  const { t } = ai;
  const project = await t.call('project.create', { title: 'The Salt Road' });
  const first = (await t.call('outline.get', { projectId: project.id })).chapters[0];
  if (!first) throw new Error('no chapter');
  const [opening] = first.scenes;
  if (!opening) throw new Error('no scene');
  await t.call('scene.save', { id: opening.id, content: doc('Mara waits at the harbour for the boat.'), baseRevision: 0 });
  const second = await t.call('scene.create', { chapterId: first.id, title: 'The storm' });
  const empty = await t.call('chapter.create', { projectId: project.id, title: 'Landfall' });
  const mara = await t.call('codex.create', { projectId: project.id, kind: 'character', name: 'Mara', description: 'A lighthouse keeper.' });
  Object.assign(book, { projectId: project.id, chapterId: first.id, emptyChapterId: empty.id, sceneIds: [opening.id, second.id], mara: mara.id });
});

afterEach(() => ai.close());

async function runPlaybook(playbookId: string, target: { chapterId?: string; entryId?: string }, request: string): Promise<RunDetail> {
  const run = await ai.t.call('runs.start', { projectId: book.projectId, playbookId, target, request });
  if (run.jobId) await ai.t.core.services.jobs.whenFinished(run.jobId);
  return ai.t.call('runs.get', { id: run.id });
}

const changes = (proposals: readonly Proposal[]) => proposals.map((p) => p.change);

describe('the shipped playbooks, run', () => {
  it('draft a chapter: beats, a draft and an edit per scene, new text proposed for each existing scene', async () => {
    const detail = await runPlaybook('draft-chapter', { chapterId: book.chapterId }, 'Draft this chapter from its outline');
    expect(detail.run.status).toBe('review');
    expect(detail.steps.filter((s) => s.stepId === 'drafts').map((s) => s.status)).toEqual(['succeeded', 'succeeded']);
    expect(detail.steps.find((s) => s.stepId === 'edit_new_scenes')?.status).toBe('skipped');
    const proposed = changes(detail.proposals);
    expect(proposed.map((c) => (c.type === 'scene-text' ? c.sceneId : c.type))).toEqual(book.sceneIds);
    for (const change of proposed) expect(change.type === 'scene-text' && change.after.trim().length > 0).toBe(true);
    // Each edit worked on its own scene's draft.
    const edits = detail.steps.filter((s) => s.stepId === 'edit_scenes');
    const drafts = detail.steps.filter((s) => s.stepId === 'drafts');
    expect(edits.map((s) => s.input.text)).toEqual(drafts.map((s) => (s.output as { text: string }).text));
  });

  it('draft a chapter with no scenes yet: new scenes proposed in it', async () => {
    const detail = await runPlaybook('draft-chapter', { chapterId: book.emptyChapterId }, 'Draft it');
    expect(detail.run.status).toBe('review');
    const proposed = changes(detail.proposals);
    expect(proposed.length).toBeGreaterThan(0);
    expect(proposed.every((c) => c.type === 'new-scene' && c.chapterId === book.emptyChapterId && c.title.length > 0 && c.after.length > 0)).toBe(true);
  });

  it('develop a character: codex changes to the entry from both agents', async () => {
    const detail = await runPlaybook('develop-character', { entryId: book.mara }, 'Give Mara a darker past');
    expect(detail.run.status).toBe('review');
    expect(detail.proposals.map((p) => [p.stepKey, p.change.type, p.change.type === 'codex' ? p.change.entryId : null])).toEqual([
      ['character', 'codex', book.mara],
      ['world', 'codex', book.mara],
    ]);
  });

  it('continuity and style pass and what happens next report without proposing', async () => {
    const pass = await runPlaybook('continuity-style-pass', { chapterId: book.chapterId }, 'Check it');
    expect(pass.run.status).toBe('completed');
    expect(pass.steps.map((s) => [s.stepId, s.status])).toEqual(expect.arrayContaining([['style', 'succeeded'], ['continuity', 'succeeded']]));
    const next = await runPlaybook('what-next', {}, 'What happens next?');
    expect(next.run.status).toBe('completed');
    expect((next.steps[0]?.output as { options: unknown[] }).options).toHaveLength(3);
    expect([...pass.proposals, ...next.proposals]).toEqual([]);
  });
});

describe('one agent, run on its own', () => {
  async function runAgent(agentId: string, capability: string, target: { sceneId?: string; chapterId?: string }, request: string): Promise<RunDetail> {
    const run = await ai.t.call('runs.start', { projectId: book.projectId, agent: { agentId, capability }, target, request });
    if (run.jobId) await ai.t.core.services.jobs.whenFinished(run.jobId);
    return ai.t.call('runs.get', { id: run.id });
  }

  it('the writer on a scene proposes new text for that scene (and no new scene)', async () => {
    const detail = await runAgent('writer', 'draft-scene', { sceneId: book.sceneIds[1] as string }, 'Draft the storm');
    expect(detail.run.status).toBe('review');
    expect(changes(detail.proposals).map((c) => [c.type, c.type === 'scene-text' ? c.sceneId : null])).toEqual([['scene-text', book.sceneIds[1]]]);
  });

  it('the researcher proposes each of its notes as its own memory', async () => {
    const detail = await runAgent('researcher', 'research-notes', {}, 'How were lighthouse lamps trimmed in 1890?');
    const notes = (detail.steps[0]?.output as { notes: Array<{ content: string; markers: string[] }> }).notes;
    expect(notes.length).toBeGreaterThan(1);
    expect(changes(detail.proposals)).toEqual(notes.map((note) => ({ type: 'memory', kind: 'core', content: note.content, markers: note.markers })));
    expect(detail.proposals.map((p) => p.key)).toEqual(notes.map((_, n) => `memory:0#${n}`));
  });
});
