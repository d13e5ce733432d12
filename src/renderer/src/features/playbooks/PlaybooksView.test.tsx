// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../../shared/ipc/errors';
import type { Playbook } from '../../../../shared/models/plans';
import { ApiError } from '../../lib/api';
import { createFakeApi, type FakeApi } from '../../testing/fake-api';
import { renderWithServices } from '../../testing/render-with-services';
import { CHAPTER_ID, CREW_PROJECT, DRAFT_PLAN, RUN_ID, testRun } from '../../testing/run-fixture';
import { useRunView } from '../runs';
import { PlaybooksView } from './PlaybooksView';

const COPY_ID = '00000000-0000-4000-8000-00000000a0b1';
const shipped: Playbook = { id: 'draft-chapter', name: 'Draft a chapter from its outline', description: 'Beats, drafts, an editor pass.', builtin: true, basedOn: null, plan: DRAFT_PLAN, startedFrom: 'chat', updatedAt: 1 };
const copy: Playbook = { ...shipped, id: COPY_ID, name: 'My drafting', builtin: false, basedOn: 'draft-chapter' };
const brainstorm: Playbook = { id: 'brainstorm', name: 'Brainstorm what happens next', description: '', builtin: true, basedOn: null, plan: { target: 'none', steps: [{ id: 'ideas', kind: 'agent', title: 'Three options', agent: 'plot_alchemist', capability: 'brainstorm', inputs: {}, dependsOn: [], propose: [] }] }, startedFrom: 'chat', updatedAt: 1 };

function setup(playbooks: Playbook[] = [shipped, copy]): FakeApi {
  const api = createFakeApi({
    'playbooks.list': playbooks,
    'outline.get': { projectId: CREW_PROJECT, wordCount: 0, chapters: [{ id: CHAPTER_ID, projectId: CREW_PROJECT, title: 'Chapter 4', synopsis: '', position: 0, createdAt: 1, updatedAt: 1, scenes: [] }] },
  });
  renderWithServices(<PlaybooksView projectId={CREW_PROJECT} />, api);
  return api;
}
const row = (name: string) => screen.findByRole('listitem', { name });

beforeEach(() => useRunView.setState({ section: 'playbooks', runId: null }));
afterEach(cleanup);

describe('the playbooks view', () => {
  it('lists shipped playbooks and the writer’s copies; only copies can be edited or deleted', async () => {
    setup();
    const original = await row('Draft a chapter from its outline');
    expect(within(original).getByText('Shipped')).toBeTruthy();
    expect(within(original).queryByRole('button', { name: /Edit/ })).toBeNull();
    expect(within(original).queryByRole('button', { name: /Delete/ })).toBeNull();
    const mine = await row('My drafting');
    expect(within(mine).getByText('Your copy')).toBeTruthy();
    expect(within(mine).getByRole('button', { name: 'Edit My drafting' })).toBeTruthy();
  });

  it('duplicates a playbook and opens the copy to edit', async () => {
    const api = setup([shipped]);
    api.answer('playbooks.duplicate', { ...copy, name: 'Draft a chapter from its outline (copy)' });
    fireEvent.click(within(await row('Draft a chapter from its outline')).getByRole('button', { name: 'Duplicate Draft a chapter from its outline' }));
    expect(await screen.findByRole('dialog', { name: 'Edit Draft a chapter from its outline (copy)' })).toBeTruthy();
    expect(api.inputsOf('playbooks.duplicate')).toEqual([{ id: 'draft-chapter' }]);
  });

  it('edits a copy’s plan as YAML, showing what is wrong as it is typed and what the core refuses', async () => {
    const api = setup();
    fireEvent.click(within(await row('My drafting')).getByRole('button', { name: 'Edit My drafting' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit My drafting' });
    const yaml = within(dialog).getByRole('textbox', { name: 'Plan (YAML)' }) as HTMLTextAreaElement;
    expect(yaml.value).toContain('agent: plot_alchemist');
    const save = within(dialog).getByRole('button', { name: 'Save playbook' });

    fireEvent.change(yaml, { target: { value: 'steps: [' } });
    expect(within(dialog).getByTestId('playbook-problems').textContent).not.toBe('');
    expect(save.hasAttribute('disabled')).toBe(true);

    fireEvent.change(yaml, { target: { value: 'target: chapter\nsteps:\n  - id: Bad Id\n    title: x\n    agent: writer\n    capability: draft-scene\n' } });
    expect(within(dialog).getByTestId('playbook-problems').textContent).toContain('steps.0.id: A step id is lower_snake_case, like draft_scenes.');

    api.answer('playbooks.update', () =>
      Promise.reject(
        new ApiError(ErrorCode.INVALID_INPUT, 'This plan can’t run (2 problems):\n• Step “draft”: the agent “ghost” is not in the registry.\n• Step “draft” needs a title.', false),
      ),
    );
    fireEvent.change(yaml, { target: { value: 'target: chapter\nsteps:\n  - id: draft\n    title: Draft\n    agent: ghost\n    capability: draft-scene\n' } });
    expect(save.hasAttribute('disabled')).toBe(false);
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Name' }), { target: { value: 'Ghost drafting' } });
    fireEvent.click(save);
    await waitFor(() => expect(within(dialog).getByTestId('playbook-problems').textContent).toContain('the agent “ghost” is not in the registry.'));
    // Each of the core's problems is its own item.
    expect(within(within(dialog).getByTestId('playbook-problems')).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Step “draft”: the agent “ghost” is not in the registry.',
      'Step “draft” needs a title.',
    ]);
    expect(api.inputsOf('playbooks.update')[0]).toEqual({
      id: COPY_ID,
      name: 'Ghost drafting',
      description: 'Beats, drafts, an editor pass.',
      plan: { target: 'chapter', steps: [{ id: 'draft', kind: 'agent', title: 'Draft', agent: 'ghost', capability: 'draft-scene', inputs: {}, dependsOn: [], propose: [] }] },
    });

    api.answer('playbooks.update', ({ id, name }) => ({ ...copy, id, name: name ?? copy.name }));
    fireEvent.change(yaml, { target: { value: 'target: chapter\nsteps:\n  - id: draft\n    title: Draft\n    agent: writer\n    capability: draft-scene\n' } });
    fireEvent.click(save);
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Edit My drafting' })).toBeNull());
    expect(await row('Ghost drafting')).toBeTruthy();
  });

  it('deletes a copy after asking', async () => {
    const api = setup();
    api.answer('playbooks.delete', { ok: true });
    fireEvent.click(within(await row('My drafting')).getByRole('button', { name: 'Delete My drafting' }));
    fireEvent.click(await screen.findByTestId('confirm-accept'));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'My drafting' })).toBeNull());
    expect(api.inputsOf('playbooks.delete')).toEqual([{ id: COPY_ID }]);
  });

  it('runs a playbook on the chapter the writer picks, then opens the run', async () => {
    const api = setup();
    api.answer('runs.start', testRun({ status: 'queued' }));
    fireEvent.click(within(await row('Draft a chapter from its outline')).getByRole('button', { name: 'Run Draft a chapter from its outline' }));
    const dialog = await screen.findByRole('dialog', { name: 'Run Draft a chapter from its outline' });
    await waitFor(() => expect((within(dialog).getByRole('combobox', { name: 'Chapter' }) as HTMLSelectElement).value).toBe(CHAPTER_ID));
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Anything the crew should know/ }), { target: { value: 'Keep it tense.' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start run' }));
    await waitFor(() => expect(useRunView.getState().runId).toBe(RUN_ID));
    expect(api.inputsOf('runs.start')).toEqual([{ projectId: CREW_PROJECT, playbookId: 'draft-chapter', request: 'Keep it tense.', target: { chapterId: CHAPTER_ID } }]);
  });

  it('runs a playbook that needs no target on the project', async () => {
    const api = setup([brainstorm]);
    api.answer('runs.start', testRun({ status: 'queued' }));
    fireEvent.click(within(await row('Brainstorm what happens next')).getByRole('button', { name: 'Run Brainstorm what happens next' }));
    const dialog = await screen.findByRole('dialog', { name: 'Run Brainstorm what happens next' });
    expect(within(dialog).queryByRole('combobox')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start run' }));
    await waitFor(() => expect(api.inputsOf('runs.start')).toEqual([{ projectId: CREW_PROJECT, playbookId: 'brainstorm', request: '', target: {} }]));
  });
});
