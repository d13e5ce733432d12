// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from '@testing-library/react';
import type { Job } from '../../../../shared/models/jobs';
import { createFakeApi } from '../../testing/fake-api';
import { testJob } from '../../testing/job-fixture';
import { renderWithServices } from '../../testing/render-with-services';
import { JobsDialog, JobsIndicator } from './JobsView';

const RUNNING = '00000000-0000-4000-8000-00000000000a';
const FAILED = '00000000-0000-4000-8000-00000000000b';

const running: Job = testJob({ id: RUNNING, progress: { done: 30, total: 120, message: 'Embedding chapter 3' }, seq: 3 });
const failed: Job = testJob({ id: FAILED, title: 'Check chapter 2', status: 'failed', progress: { done: 0, total: 0 }, error: { code: 'NO_MODEL_AVAILABLE', message: 'No embedding model is set up.', category: 'permanent' }, seq: 4 });

afterEach(cleanup);

describe('jobs view', () => {
  it('shows running and failed jobs with progress and errors; Cancel and Retry reach the core', async () => {
    const api = createFakeApi({
      'jobs.list': [running, failed],
      'jobs.cancel': { ...running, seq: 4 },
      'jobs.retry': { ...failed, status: 'queued', error: null, attempts: 0, seq: 5 },
    });
    renderWithServices(<JobsDialog open onClose={() => undefined} />, api);
    act(() => api.setStatus('open'));
    const dialog = await screen.findByRole('dialog', { name: 'Background jobs' });
    const runningRow = await within(dialog).findByRole('listitem', { name: running.title });
    const bar = within(runningRow).getByRole('progressbar', { name: `Progress of ${running.title}` });
    expect(bar.getAttribute('aria-valuenow')).toBe('30');
    expect(bar.getAttribute('aria-valuemax')).toBe('120');
    expect(runningRow.textContent).toContain('Embedding chapter 3');
    const failedRow = within(dialog).getByRole('listitem', { name: failed.title });
    expect(within(failedRow).getByRole('alert').textContent).toBe('No embedding model is set up.');

    act(() => api.emit('job.changed', { ...running, progress: { done: 60, total: 120 }, seq: 4 }));
    expect(bar.getAttribute('aria-valuenow')).toBe('60');

    fireEvent.click(within(runningRow).getByRole('button', { name: `Cancel ${running.title}` }));
    fireEvent.click(within(failedRow).getByRole('button', { name: `Retry ${failed.title}` }));
    await expect.poll(() => api.inputsOf('jobs.retry')).toEqual([{ id: FAILED }]);
    expect(api.inputsOf('jobs.cancel')).toEqual([{ id: RUNNING }]);
    await expect.poll(() => within(dialog).getAllByTestId('job-row').map((row) => row.dataset['status'])).toEqual(['running', 'queued']);
  });

  it('the indicator says how many jobs run and opens the view; it is absent when nothing runs or failed', async () => {
    const api = createFakeApi({ 'jobs.list': [running, { ...failed, status: 'succeeded', error: null }] });
    let opened = 0;
    renderWithServices(<JobsIndicator onOpen={() => (opened += 1)} />, api);
    expect(screen.queryByTestId('jobs-indicator')).toBeNull();
    act(() => api.setStatus('open'));
    const indicator = await screen.findByRole('button', { name: '1 job running' });
    fireEvent.click(indicator);
    expect(opened).toBe(1);
    act(() => api.emit('job.changed', { ...running, status: 'succeeded', seq: 9 }));
    expect(screen.queryByTestId('jobs-indicator')).toBeNull();
  });
});
