// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CodexEntry } from '../../../../shared/models/codex';
import { createFakeApi } from '../../testing/fake-api';
import { renderWithServices } from '../../testing/render-with-services';
import { CodexPanel } from './CodexPanel';

const PROJECT = '00000000-0000-4000-8000-000000000001';
const entry = (id: string, name: string): CodexEntry => ({
  id,
  projectId: PROJECT,
  kind: 'character',
  name,
  aliases: [],
  description: '',
  profile: {},
  createdAt: 1,
  updatedAt: 1,
});

afterEach(cleanup);

describe('CodexPanel with the client passed in', () => {
  it('lists the entries the client returns and follows codex.changed while mounted', async () => {
    const api = createFakeApi({ 'codex.list': [entry('00000000-0000-4000-8000-00000000000a', 'Mara')] });
    const { unmount } = renderWithServices(<CodexPanel projectId={PROJECT} />, api);

    await waitFor(() => expect(screen.getAllByTestId('codex-entry').map((e) => e.textContent)).toEqual(['Mara']));

    api.answer('codex.list', [entry('00000000-0000-4000-8000-00000000000a', 'Mara'), entry('00000000-0000-4000-8000-00000000000b', 'Tobias')]);
    api.emit('codex.changed', { projectId: PROJECT });
    await waitFor(() => expect(screen.getAllByTestId('codex-entry').map((e) => e.textContent)).toEqual(['Mara', 'Tobias']));

    unmount();
    expect(api.listenerCount('codex.changed')).toBe(0);
  });
});
