import { describe, expect, it } from 'vitest';
import type { RunDetail } from '../../../../shared/models/runs';
import { createFakeApi } from '../../testing/fake-api';
import { CREW_PROJECT, RUN_ID, testRun } from '../../testing/run-fixture';
import { createRunsStore, mergeRun } from './runs.store';

const detailAt = (seq: number, status: RunDetail['run']['status'] = 'running'): RunDetail => ({ run: testRun({ seq, status }), steps: [], proposals: [] });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the runs store', () => {
  it('re-reads the open run on a run.changed newer than what it holds, and ignores a stale one', async () => {
    const api = createFakeApi({ 'runs.get': detailAt(3), 'runs.list': [] });
    const store = createRunsStore(api);
    await store.getState().openDetail(RUN_ID);
    expect(api.inputsOf('runs.get')).toHaveLength(1);

    store.getState().runChanged({ projectId: CREW_PROJECT, runId: RUN_ID, status: 'running', seq: 3 });
    store.getState().runChanged({ projectId: CREW_PROJECT, runId: RUN_ID, status: 'queued', seq: 2 });
    await settle();
    expect(api.inputsOf('runs.get')).toHaveLength(1);

    api.answer('runs.get', detailAt(4, 'review'));
    store.getState().runChanged({ projectId: CREW_PROJECT, runId: RUN_ID, status: 'review', seq: 4 });
    await settle();
    expect(api.inputsOf('runs.get')).toHaveLength(2);
    expect(store.getState().detail?.run.status).toBe('review');
  });

  it('never rolls the view back to an older answer that arrives late', async () => {
    const answers: Array<(detail: RunDetail) => void> = [];
    const api = createFakeApi({ 'runs.list': [] });
    api.answer('runs.get', () => new Promise<RunDetail>((resolve) => answers.push(resolve)));
    const store = createRunsStore(api);
    const opened = store.getState().openDetail(RUN_ID);
    store.getState().runChanged({ projectId: CREW_PROJECT, runId: RUN_ID, status: 'review', seq: 5 });
    await settle();
    expect(answers).toHaveLength(2);
    answers[1]?.(detailAt(5, 'review'));
    await settle();
    answers[0]?.(detailAt(2, 'running'));
    await opened;
    expect(store.getState().detail?.run.seq).toBe(5);
    expect(store.getState().detail?.run.status).toBe('review');
  });

  it('drops a read for a run closed meanwhile', async () => {
    let answer: ((detail: RunDetail) => void) | undefined;
    const api = createFakeApi();
    api.answer('runs.get', () => new Promise<RunDetail>((resolve) => (answer = resolve)));
    const store = createRunsStore(api);
    const opened = store.getState().openDetail(RUN_ID);
    store.getState().closeDetail();
    answer?.(detailAt(1));
    await opened;
    expect(store.getState().detail).toBeNull();
  });

  it('re-reads the list for a newer change of a run of its project, not for another project', async () => {
    const api = createFakeApi({ 'runs.list': [testRun({ seq: 1 })] });
    const store = createRunsStore(api);
    await store.getState().load(CREW_PROJECT);
    store.getState().runChanged({ projectId: CREW_PROJECT, runId: RUN_ID, status: 'running', seq: 1 });
    store.getState().runChanged({ projectId: '00000000-0000-4000-8000-00000000ffff', runId: RUN_ID, status: 'running', seq: 9 });
    await settle();
    expect(api.inputsOf('runs.list')).toHaveLength(1);
    api.answer('runs.list', [testRun({ seq: 2, status: 'review' })]);
    store.getState().runChanged({ projectId: CREW_PROJECT, runId: RUN_ID, status: 'review', seq: 2 });
    await settle();
    expect(store.getState().runs.map((run) => run.status)).toEqual(['review']);
  });

  it('keeps an action’s refusal as a sentence and passes the run it returns on', async () => {
    const api = createFakeApi({ 'runs.list': [testRun({ seq: 1 })] });
    const store = createRunsStore(api);
    await store.getState().load(CREW_PROJECT);
    api.answer('runs.cancel', testRun({ seq: 2, status: 'cancelled' }));
    await store.getState().cancel(RUN_ID);
    expect(store.getState().runs[0]?.status).toBe('cancelled');
  });

  it('mergeRun keeps the newer version of a run', () => {
    const older = testRun({ seq: 1, status: 'running' });
    const newer = testRun({ seq: 2, status: 'review' });
    expect(mergeRun([newer], older)[0]?.status).toBe('review');
    expect(mergeRun([older], newer)[0]?.status).toBe('review');
    expect(mergeRun([], older)).toEqual([older]);
  });
});
