// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Proposal } from '../../../../shared/models/runs';
import { createFakeApi, type FakeApi } from '../../testing/fake-api';
import { renderWithServices } from '../../testing/render-with-services';
import { Toaster } from '../../ui';
import { CREW_PROJECT, SCENE_ID, testProposal } from '../../testing/run-fixture';
import { useEditorSession } from '../editor';
import { useNavigation } from '../project/navigation.store';
import { ProposalsInbox } from './ProposalsInbox';

const P1 = '00000000-0000-4000-8000-00000000f001';
const P2 = '00000000-0000-4000-8000-00000000f002';
const codex: Proposal = testProposal({
  id: P2,
  stepKey: 'develop',
  agentId: 'character_architect',
  key: 'codex:Mara',
  change: { type: 'codex', entryId: '00000000-0000-4000-8000-00000000f0e1', kind: 'character', name: 'Mara', before: { description: 'A sailor.', fields: { age: '30', home: 'Port', eyes: 'grey' } }, after: { description: 'A sailor.', fields: { age: '31', home: '', fear: 'deep water' } } },
});

function show(proposals: Proposal[], api: FakeApi = createFakeApi()) {
  api.answer('proposals.list', proposals);
  api.answer('agents.list', []);
  const view = renderWithServices(
    <>
      <ProposalsInbox projectId={CREW_PROJECT} />
      <Toaster />
    </>,
    api,
  );
  void view.services.stores.useProposals.getState().load(CREW_PROJECT);
  return view;
}
const card = async (name: RegExp) => screen.findByRole('listitem', { name });

let flushes = 0;
beforeEach(() => {
  flushes = 0;
  useEditorSession.setState({ flushActive: () => Promise.resolve((flushes += 1) > 0) });
});
afterEach(() => {
  cleanup();
  useEditorSession.setState({ flushActive: null });
});

describe('the proposals inbox', () => {
  it('shows a scene change as a word diff and approves it, saving the open scene first', async () => {
    const api = createFakeApi();
    const calls: string[] = [];
    useEditorSession.setState({ flushActive: () => (calls.push('flush'), Promise.resolve(true)) });
    api.answer('proposals.approve', ({ id }) => (calls.push('approve'), testProposal({ id, status: 'applied', decidedAt: 3_000 })));
    show([testProposal({ id: P1 })], api);
    const item = await card(/Scene The Lighthouse/);
    const diff = within(item).getByTestId('proposal-text-diff');
    expect([...diff.querySelectorAll('del')].map((d) => d.textContent)).toEqual(['was dark']);
    expect([...diff.querySelectorAll('ins')].map((d) => d.textContent)).toEqual(['burned bright']);

    fireEvent.click(within(item).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(api.inputsOf('proposals.approve')).toEqual([{ id: P1 }]));
    expect(calls).toEqual(['flush', 'approve']);
    // Decided: it leaves the waiting list and shows under Decided as applied.
    await waitFor(() => expect(screen.getByTestId('proposals-empty')).toBeTruthy());
    fireEvent.click(screen.getByRole('radio', { name: 'Decided' }));
    expect(within(await card(/Scene The Lighthouse/)).getByTestId('proposal-status').textContent).toBe('Applied');
  });

  it('does not approve a change to the open scene while its latest words could not be saved', async () => {
    const api = createFakeApi();
    useEditorSession.setState({ flushActive: () => Promise.resolve(false), live: { sceneId: SCENE_ID, words: 4 } });
    show([testProposal({ id: P1 })], api);
    fireEvent.click(within(await card(/Scene The Lighthouse/)).getByRole('button', { name: 'Approve' }));
    expect(await screen.findByText(/Your latest words in “The Lighthouse” are not saved yet/)).toBeTruthy();
    expect(api.inputsOf('proposals.approve')).toEqual([]);
    useEditorSession.setState({ live: null });
  });

  it('shows a codex change field by field (a field left out is kept, an emptied one removed)', async () => {
    show([codex]);
    const item = await card(/Codex entry \(character\) Mara/);
    const rows = within(item).getAllByRole('row').slice(1);
    expect(rows.map((row) => [row.querySelector('th')?.firstChild?.textContent, row.dataset['kind']])).toEqual([
      ['description', 'same'],
      ['age', 'changed'],
      ['home', 'removed'],
      ['eyes', 'same'],
      ['fear', 'added'],
    ]);
  });

  it('shows policy findings, and a blocking one turns Approve off with the reason', async () => {
    show([testProposal({ id: P1, violations: [{ rule: 'no-gore', message: 'Uses a blocked word: “gore”.', blocking: true }, { rule: 'length', message: 'Longer than 3,000 words.', blocking: false }] })]);
    const item = await card(/Scene The Lighthouse/);
    expect(within(item).getAllByTestId('proposal-violation').map((v) => v.textContent)).toEqual(['Blocked: Uses a blocked word: “gore”. (no-gore)', 'Warning: Longer than 3,000 words. (length)']);
    const approve = within(item).getByRole('button', { name: 'Approve' });
    expect(approve.hasAttribute('disabled')).toBe(true);
    expect(approve.getAttribute('aria-describedby')).toBe(within(item).getByTestId('proposal-blocked-reason').id);
    expect(within(item).getByTestId('proposal-blocked-reason').textContent).toContain('Uses a blocked word: “gore”.');
    expect(within(item).getByRole('button', { name: 'Edit then approve' }).hasAttribute('disabled')).toBe(false);
  });

  it('approves an edit of the proposed text', async () => {
    const api = createFakeApi();
    api.answer('proposals.approve', ({ id, edited }) => testProposal({ id, edited: edited ?? null, status: 'applied', decidedAt: 3_000 }));
    show([testProposal({ id: P1 })], api);
    const item = await card(/Scene The Lighthouse/);
    fireEvent.click(within(item).getByRole('button', { name: 'Edit then approve' }));
    const box = within(item).getByRole('textbox', { name: 'Proposed text' });
    expect((box as HTMLTextAreaElement).value).toBe('The lamp burned bright.');
    fireEvent.change(box, { target: { value: 'The lamp burned low.' } });
    fireEvent.click(within(item).getByRole('button', { name: 'Approve edited' }));
    await waitFor(() => expect(api.inputsOf('proposals.approve')).toHaveLength(1));
    expect(api.inputsOf('proposals.approve')[0]).toEqual({ id: P1, edited: { type: 'scene-text', sceneId: SCENE_ID, sceneTitle: 'The Lighthouse', baseRevision: 3, before: 'The lamp was dark.', after: 'The lamp burned low.' } });
  });

  it('edits a codex proposal’s fields before approving', async () => {
    const api = createFakeApi();
    api.answer('proposals.approve', ({ id }) => ({ ...codex, id, status: 'applied', decidedAt: 3_000 }));
    show([codex], api);
    const item = await card(/Mara/);
    fireEvent.click(within(item).getByRole('button', { name: 'Edit then approve' }));
    fireEvent.change(within(item).getByRole('textbox', { name: 'fear' }), { target: { value: 'the dark' } });
    fireEvent.click(within(item).getByRole('button', { name: 'Approve edited' }));
    await waitFor(() => expect(api.inputsOf('proposals.approve')).toHaveLength(1));
    const edited = api.inputsOf('proposals.approve')[0]?.edited;
    expect(edited?.type === 'codex' && edited.after).toEqual({ description: 'A sailor.', fields: { age: '31', home: '', fear: 'the dark' } });
  });

  it('rejects a proposal without saving or changing anything else', async () => {
    const api = createFakeApi();
    api.answer('proposals.reject', ({ id }) => testProposal({ id, status: 'rejected', decidedAt: 3_000 }));
    show([testProposal({ id: P1 })], api);
    fireEvent.click(within(await card(/Scene The Lighthouse/)).getByRole('button', { name: 'Reject' }));
    await waitFor(() => expect(api.inputsOf('proposals.reject')).toEqual([{ id: P1 }]));
    expect(api.inputsOf('proposals.approve')).toEqual([]);
    expect(flushes).toBe(0);
  });

  it('shows a conflict with its note, with no decision to make', async () => {
    show([testProposal({ id: P1, status: 'conflict', note: 'The scene changed after this was proposed.', decidedAt: 3_000 })]);
    fireEvent.click(await screen.findByRole('radio', { name: 'Decided' }));
    const item = await card(/Scene The Lighthouse/);
    expect(within(item).getByTestId('proposal-conflict').textContent).toContain('The scene changed after this was proposed.');
    expect(within(item).queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('opens the scene a proposal changes', async () => {
    show([testProposal({ id: P1 })]);
    fireEvent.click(within(await card(/Scene The Lighthouse/)).getByRole('button', { name: 'Open the scene' }));
    expect(useNavigation.getState().sceneId).toBe(SCENE_ID);
  });

  it('says so when nothing waits, and offers a retry when the list cannot be read', async () => {
    const api = createFakeApi({ 'agents.list': [] });
    api.answer('proposals.list', () => Promise.reject(new Error('boom')));
    const view = renderWithServices(<ProposalsInbox projectId={CREW_PROJECT} />, api);
    await view.services.stores.useProposals.getState().load(CREW_PROJECT);
    expect(await screen.findByText('Proposals could not be loaded')).toBeTruthy();
    api.answer('proposals.list', []);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('proposals-empty')).toBeTruthy();
  });
});
