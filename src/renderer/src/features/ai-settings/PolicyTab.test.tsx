// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../../shared/ipc/errors';
import type { PolicyFile } from '../../../../shared/models/policy';
import { ApiError } from '../../lib/api';
import { createFakeApi } from '../../testing/fake-api';
import { renderWithServices } from '../../testing/render-with-services';
import { PolicyTab } from './PolicyTab';

const SHIPPED: PolicyFile = { source: 'shipped', yaml: 'version: 1\nrules: []\n', rules: [], problem: null };
const MINE_YAML = 'version: 1\nrules:\n  - id: no-gore\n    type: blocked-words\n    words: [gore]\n';
const MINE: PolicyFile = { source: 'user', yaml: MINE_YAML, rules: [{ id: 'no-gore', type: 'blocked-words', words: ['gore'], blocking: true }], problem: null };

afterEach(cleanup);

describe('the content policy tab', () => {
  it('shows the policy in force, saves the writer’s copy and goes back to the shipped one', async () => {
    const api = createFakeApi({ 'policy.get': SHIPPED, 'policy.save': MINE, 'policy.reset': SHIPPED });
    renderWithServices(<PolicyTab />, api);
    expect((await screen.findByTestId('policy-source')).textContent).toContain('The shipped policy is in force — 0 rules');
    const save = screen.getByRole('button', { name: 'Save policy' });
    expect(save.hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('button', { name: 'Use the shipped policy' }).hasAttribute('disabled')).toBe(true);

    fireEvent.change(screen.getByRole('textbox', { name: 'Policy (YAML)' }), { target: { value: MINE_YAML } });
    fireEvent.click(save);
    await waitFor(() => expect(screen.getByTestId('policy-source').textContent).toContain('Your copy of the policy is in force — 1 rule'));
    expect(api.inputsOf('policy.save')).toEqual([{ yaml: MINE_YAML }]);

    fireEvent.click(screen.getByRole('button', { name: 'Use the shipped policy' }));
    await waitFor(() => expect(screen.getByTestId('policy-source').textContent).toContain('The shipped policy is in force'));
    expect(api.inputsOf('policy.reset')).toEqual([{}]);
  });

  it('says why a saved copy is not in force, and shows the core’s refusal of an edit next to the text', async () => {
    const broken: PolicyFile = { source: 'shipped', yaml: 'rules: [', rules: [], problem: 'Line 1: the list is not closed.' };
    const api = createFakeApi({ 'policy.get': broken });
    api.answer('policy.save', () => Promise.reject(new ApiError(ErrorCode.INVALID_INPUT, 'Rule 1 (no-gore): “words” needs at least one word.', false)));
    renderWithServices(<PolicyTab />, api);
    expect((await screen.findByTestId('policy-problem')).textContent).toBe('Your copy is not in force: Line 1: the list is not closed.');
    expect(screen.getByRole('button', { name: 'Use the shipped policy' }).hasAttribute('disabled')).toBe(false);
    const box = screen.getByRole('textbox', { name: 'Policy (YAML)' });
    fireEvent.change(box, { target: { value: 'version: 1\nrules:\n  - id: no-gore\n    type: blocked-words\n    words: []\n' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save policy' }));
    await waitFor(() => expect(box.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('Rule 1 (no-gore): “words” needs at least one word.')).toBeTruthy();
  });
});
