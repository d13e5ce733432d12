// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '../../../../shared/models/runs';
import { createFakeApi } from '../../testing/fake-api';
import { renderWithServices } from '../../testing/render-with-services';
import { CREW_PROJECT, RUN_ID } from '../../testing/run-fixture';
import { AUDIT_PAGE } from './audit.store';
import { AuditLogView } from './AuditLogView';

function entry(n: number, patch: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    projectId: CREW_PROJECT,
    runId: RUN_ID,
    stepKey: 'beats',
    agentId: 'plot_alchemist',
    action: 'step',
    status: 'ok',
    input: { outline: 'Arrival' },
    output: { beats: ['Arrival'] },
    model: 'fake/plot-1',
    promptId: 'agent-plot-beats',
    promptVersion: 2,
    traceId: 'trace-1',
    tokensIn: 10,
    tokensOut: 5,
    costUsd: 0,
    durationMs: 40,
    createdAt: 10_000 - n,
    ...patch,
  };
}

function setup(entries: AuditEntry[]) {
  const api = createFakeApi({ 'audit.search': entries, 'agents.list': [] });
  renderWithServices(<AuditLogView projectId={CREW_PROJECT} />, api);
  return api;
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the audit log view', () => {
  it('lists the project’s agent actions with input and output to unfold', async () => {
    const api = setup([entry(1), entry(2, { action: 'approve', status: 'blocked', agentId: null })]);
    const rows = await screen.findAllByTestId('audit-row');
    expect(rows).toHaveLength(2);
    expect(api.inputsOf('audit.search')[0]).toEqual({ projectId: CREW_PROJECT, limit: AUDIT_PAGE });
    expect(within(rows[0] as HTMLElement).getByLabelText('Output').textContent).toBe(JSON.stringify({ beats: ['Arrival'] }, null, 2));
    expect(within(rows[0] as HTMLElement).getByText('agent-plot-beats v2')).toBeTruthy();
  });

  it('searches and filters by agent, action and status', async () => {
    const api = setup([entry(1)]);
    await screen.findAllByTestId('audit-row');
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search the audit log' }), { target: { value: 'storm' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Action' }), { target: { value: 'reject' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'error' } });
    await waitFor(() => expect(api.inputsOf('audit.search').at(-1)).toEqual({ projectId: CREW_PROJECT, query: 'storm', action: 'reject', status: 'error', limit: AUDIT_PAGE }));
    // Entries of another status that the core sent anyway are not shown.
    expect(await screen.findByTestId('audit-empty')).toBeTruthy();
  });

  it('pages back through older entries', async () => {
    const first = Array.from({ length: AUDIT_PAGE }, (_, i) => entry(i + 1));
    const api = setup(first);
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(AUDIT_PAGE));
    api.answer('audit.search', [entry(AUDIT_PAGE + 1)]);
    fireEvent.click(screen.getByRole('button', { name: 'Show older entries' }));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(AUDIT_PAGE + 1));
    expect(api.inputsOf('audit.search').at(-1)).toEqual({ projectId: CREW_PROJECT, before: (first.at(-1) as AuditEntry).createdAt, limit: AUDIT_PAGE });
    expect(screen.queryByRole('button', { name: 'Show older entries' })).toBeNull();
  });

  it('exports the matching entries as a JSON download', async () => {
    const api = setup([entry(1)]);
    api.answer('audit.export', { fileName: 'audit-2026-11-26.json', json: '[{"id":"x"}]' });
    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => (created.push(blob), 'blob:audit'));
    URL.revokeObjectURL = vi.fn();
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    await screen.findAllByTestId('audit-row');
    fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
    await waitFor(() => expect(clicked).toEqual(['audit-2026-11-26.json']));
    expect(api.inputsOf('audit.export')).toEqual([{ projectId: CREW_PROJECT }]);
    expect(await created[0]?.text()).toBe('[{"id":"x"}]');
  });
});
