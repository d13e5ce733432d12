import { describe, expect, it } from 'vitest';
import { planSchema, type Plan } from '../../../shared/models/plans';
import { shippedCrewRegistry } from '../../testing/shipped-crew';
import { loadShippedPlaybooks } from '../playbooks';
import { assertValidPlan, validatePlan } from './plan-validation';

const registry = shippedCrewRegistry();
const plan = (raw: unknown): Plan => planSchema.parse(raw);
const messages = (raw: unknown) => validatePlan(plan(raw), registry).map((p) => p.message);

const research = { id: 'research', title: 'Research', agent: 'researcher', capability: 'research-notes', inputs: { topic: '$request', request: '$request', context: '' } };
const setting = {
  id: 'setting',
  title: 'Build the setting',
  agent: 'plot_alchemist',
  capability: 'what-next',
  inputs: { story_so_far: '', chapter_title: '', request: '$steps.research.output.notes' },
  dependsOn: ['research'],
};

describe('the shipped playbooks', () => {
  it('load from resources/playbooks, each valid against the crew', () => {
    const playbooks = loadShippedPlaybooks();
    expect(playbooks.map((p) => [p.id, p.name, p.plan.target])).toEqual([
      ['continuity-style-pass', 'Continuity and style pass on a chapter', 'chapter'],
      ['develop-character', 'Develop a character', 'entry'],
      ['draft-chapter', 'Draft a chapter from its outline', 'chapter'],
      ['video-from-chapter', 'Video script from a chapter', 'chapter'],
      ['video-from-idea', 'Video from an idea', 'none'],
      ['what-next', 'Brainstorm what happens next', 'none'],
    ]);
    for (const playbook of playbooks) expect(validatePlan(playbook.plan, registry), playbook.id).toEqual([]);
    expect(playbooks.every((p) => p.builtin && p.basedOn === null)).toBe(true);
  });

  it('draft a chapter fans the drafts out per scene and proposes scene text, or new scenes for an empty chapter', () => {
    const draft = loadShippedPlaybooks().find((p) => p.id === 'draft-chapter');
    const steps = Object.fromEntries((draft?.plan.steps ?? []).map((s) => [s.id, s]));
    expect(steps.drafts).toMatchObject({ agent: 'writer', capability: 'draft-scene', forEach: '$steps.beats.output.scenes' });
    // Each edit reads the draft made for its own scene, and proposes by the scene's id from the beats.
    expect(steps.edit_scenes).toMatchObject({
      forEach: '$steps.beats.output.scenes',
      inputs: { text: '$steps.drafts.output.$index.text' },
      when: { notEmpty: true },
      propose: [{ target: 'scene-text', scene: '$item.sceneId', text: '$output.text' }],
    });
    expect(steps.edit_new_scenes).toMatchObject({ when: { notEmpty: false }, propose: [{ target: 'new-scene', chapter: '$chapter.id', title: '$item.title' }] });
  });

  it('what happens next asks for three options and proposes nothing', () => {
    const next = loadShippedPlaybooks().find((p) => p.id === 'what-next');
    expect(next?.plan.steps).toEqual([expect.objectContaining({ agent: 'plot_alchemist', capability: 'what-next', inputs: { story_so_far: '', chapter_title: '', request: '$request' }, propose: [] })]);
  });
});

describe('the media crew’s playbooks', () => {
  const media = (id: string) => loadShippedPlaybooks().find((p) => p.id === id);

  it('from an idea: ideation → outline of the first idea → script → rewrite → scene describer, proposing nothing', () => {
    const steps = media('video-from-idea')?.plan.steps ?? [];
    expect(steps.map((s) => (s.kind === 'agent' ? [s.id, s.agent, s.capability, s.dependsOn, s.propose] : s.id))).toEqual([
      ['ideas', 'ideation', 'generate-ideas', [], []],
      ['outline', 'outline', 'outline-sections', ['ideas'], []],
      ['script', 'script', 'write-script', ['outline'], []],
      ['rewrite', 'rewrite', 'refine-script', ['script'], []],
      ['visuals', 'scene_describer', 'describe-visuals', ['rewrite'], []],
    ]);
    expect(steps[0]).toMatchObject({ inputs: { seed: '$request' } });
    expect(steps[1]).toMatchObject({ inputs: { idea: '$steps.ideas.output.ideas.0' } });
    expect(steps[4]).toMatchObject({ inputs: { script: '$steps.rewrite.output' } });
  });

  it('from a chapter: the chapter’s text → outline → script → rewrite toward the request → scene describer', () => {
    const playbook = media('video-from-chapter');
    expect(playbook?.plan.target).toBe('chapter');
    const steps = playbook?.plan.steps ?? [];
    expect(steps.map((s) => s.id)).toEqual(['outline', 'script', 'rewrite', 'visuals']);
    expect(steps[0]).toMatchObject({ agent: 'outline', inputs: { idea: '$chapter.text' } });
    expect(steps[2]).toMatchObject({ agent: 'rewrite', inputs: { script: '$steps.script.output', goal: '$request' } });
    expect(steps.every((s) => s.kind === 'agent' && s.propose.length === 0)).toBe(true);
  });
});

describe('plan validation', () => {
  it('accepts a plan whose steps follow each other', () => {
    expect(messages({ steps: [research, setting] })).toEqual([]);
  });

  it('finds a cycle and names the steps around it', () => {
    expect(messages({ steps: [{ ...research, dependsOn: ['setting'] }, setting] })).toEqual([
      'These steps wait for each other in a circle, so none could start: research → setting → research.',
    ]);
  });

  it('names an unknown agent, an unknown capability with the ones it has, and an unknown dependency', () => {
    expect(messages({ steps: [{ ...research, agent: 'poet' }] })).toEqual(['Step “Research” (research) uses the agent “poet”, which is not in the crew.']);
    expect(messages({ steps: [{ ...research, capability: 'write-poem' }] })).toEqual(['Step “Research” (research): Researcher cannot “write-poem” (it can: research-notes).']);
    expect(messages({ steps: [{ ...research, dependsOn: ['outline'] }] })).toEqual(['Step “Research” (research) depends on “outline”, which is not a step of this plan.']);
  });

  it('wants exactly the capability’s inputs', () => {
    expect(messages({ steps: [{ ...research, inputs: { topic: '$request', context: '' } }] })).toEqual(['Step “Research” (research): Researcher’s research-notes needs the input “request”.']);
    expect(messages({ steps: [{ ...research, inputs: { ...research.inputs, tone: 'dark' } }] })).toEqual([
      'Step “Research” (research): Researcher’s research-notes has no input “tone” (its inputs: topic, request, context).',
    ]);
  });

  it('rejects references to later or unknown steps, $item outside forEach, and scopes the target does not give', () => {
    expect(messages({ steps: [{ ...setting, dependsOn: [] }, research] })).toEqual([
      'Step “Build the setting” (setting), input “request”: $steps.research.output.notes is the output of a step that does not run before this one; add “research” to dependsOn.',
    ]);
    const asking = (request: string) => ({ ...research, inputs: { ...research.inputs, request } });
    expect(messages({ steps: [asking('$steps.nowhere.output')] })).toEqual(['Step “Research” (research), input “request”: $steps.nowhere.output names no step of this plan.']);
    expect(messages({ steps: [asking('$item.title')] })).toEqual(['Step “Research” (research), input “request”: $item is only defined in a step with forEach.']);
    expect(messages({ steps: [research, { ...setting, inputs: { ...setting.inputs, request: '$steps.research.output.$index' } }] })).toEqual([
      'Step “Build the setting” (setting), input “request”: $steps.research.output.$index uses $index, which is only defined in a step with forEach.',
    ]);
    expect(messages({ steps: [asking('$chapter.text')] })).toEqual([
      'Step “Research” (research), input “request”: $chapter.text needs a plan whose target is a chapter (this one’s is none).',
    ]);
    expect(messages({ target: 'chapter', steps: [asking('$chapter.words')] })[0]).toContain('$chapter.words: $chapter has .id, .title');
    expect(messages({ steps: [asking('$nonsense')] })[0]).toContain('$nonsense is not a known reference');
  });

  it('checks forEach and propose specs against their target and the capability', () => {
    const edit = { id: 'edit', title: 'Edit', agent: 'editor', capability: 'edit-pass', inputs: { scene_title: '$item.title', text: '$item.text', focus: '' }, dependsOn: ['research'] };
    expect(messages({ steps: [research, { ...edit, forEach: 'scenes' }] })[0]).toContain('repeats for each item of “scenes”, which is not a reference');
    expect(messages({ steps: [research, { ...edit, forEach: '$steps.research.output', propose: [{ target: 'scene-text', text: '$output.text' }] }] })).toEqual([
      'Step “Edit” (edit), proposal 1 (scene-text) is missing the scene to change (scene).',
    ]);
    // `$each` is the item of a spec's own `each` list, nowhere else.
    const notes = { ...research, propose: [{ target: 'memory', each: '$output.notes', text: '$each.content', markers: '$each.markers' }] };
    expect(messages({ steps: [notes] })).toEqual([]);
    expect(messages({ steps: [{ ...notes, propose: [{ target: 'memory', text: '$each.content' }] }] })).toEqual([
      'Step “Research” (research), proposal 1 (text): $each is only defined in a proposal with each.',
    ]);
    // On a plan pointed at a scene, the run's scene is the one changed (as the engine proposes it).
    expect(messages({ target: 'scene', steps: [research, { ...edit, inputs: { ...edit.inputs, scene_title: '$scene.title', text: '$scene.text' }, propose: [{ target: 'scene-text', text: '$output.text' }] }] })).toEqual([]);
    expect(messages({ steps: [research, { ...edit, forEach: '$steps.research.output', propose: [{ target: 'codex', title: 'x', description: '$output.text', kind: 'location' }] }] })).toEqual([
      'Step “Edit” (edit): Editor’s edit-pass cannot propose codex changes.',
    ]);
    const develop = { id: 'develop', title: 'Develop', agent: 'character_architect', capability: 'develop-character', inputs: { name: 'Mara', description: '', profile: '', request: '$request' } };
    expect(messages({ steps: [{ ...develop, propose: [{ target: 'codex', description: '$output.description' }] }] })).toEqual([
      'Step “Develop” (develop), proposal 1 (codex) is missing the entry to change (entry) or the new entry’s name (title).',
    ]);
    expect(messages({ steps: [{ ...research, propose: [{ target: 'memory', text: '$steps.research.output' }] }] })).toEqual([
      'Step “Research” (research), proposal 1 (text): $steps.research.output is this step’s own output; use $output in a proposal.',
    ]);
    expect(messages({ steps: [{ ...research, propose: [{ target: 'memory', text: '$output.notes' }] }] })).toEqual([]);
  });

  it('needs a chapter target for a continuity step, and a known question for an answer', () => {
    expect(messages({ steps: [{ id: 'check', kind: 'continuity', title: 'Check' }] })).toEqual([
      'Step “Check” (check) checks a chapter’s continuity, so the plan’s target must be a chapter.',
    ]);
    const ask = { id: 'ask', kind: 'ask', title: 'Ask', question: 'Which tone?' };
    expect(messages({ steps: [ask, { ...research, inputs: { ...research.inputs, request: '$answer.ask' }, dependsOn: ['ask'] }] })).toEqual([]);
    expect(messages({ steps: [ask, { ...research, inputs: { ...research.inputs, request: '$answer.ask' } }] })[0]).toContain('is the answer to a question asked later');
  });

  it('throws one INVALID_INPUT error listing every problem', () => {
    expect(() => assertValidPlan(plan({ steps: [{ ...research, agent: 'poet' }, { ...setting, capability: 'paint' }] }), registry)).toThrowError(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(/^This plan can’t run \(2 problems\):\n• Step “Research”.*\n• Step “Build the setting”/u) }),
    );
  });
});
