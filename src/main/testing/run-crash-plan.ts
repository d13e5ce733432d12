import type { Plan } from '../../shared/models/plans';
import type { AgentStepRequest } from '../core/runs';

/** beats → draft (one branch per beat) → review: the plan the crash test kills mid-fan-out. */
export const crashPlan: Plan = {
  target: 'none',
  steps: [
    { id: 'beats', kind: 'agent', title: 'Beats', agent: 'plot_alchemist', capability: 'beats', inputs: { request: '$request' }, dependsOn: [], propose: [] },
    { id: 'draft', kind: 'agent', title: 'Draft', agent: 'writer', capability: 'draft-scene', inputs: { beat: '$item' }, dependsOn: ['beats'], forEach: '$steps.beats.output.beats', propose: [] },
    { id: 'review', kind: 'agent', title: 'Review', agent: 'editor', capability: 'review', inputs: { draft: '$steps.draft.output' }, dependsOn: ['draft'], propose: [] },
  ],
};

/** Beats `beat 0…n-1`; a draft repeats its beat. */
export const crashAnswer = (branches: number) => (request: AgentStepRequest) =>
  request.capability === 'beats' ? { beats: Array.from({ length: branches }, (_, i) => `beat ${i}`) } : { text: `${request.stepKey}: ${request.inputs.beat ?? request.inputs.draft ?? ''}` };
