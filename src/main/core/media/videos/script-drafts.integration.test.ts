import { afterEach, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import type { RunDetail, RunStatus } from '../../../../shared/models/runs';
import { openDatabase, type AppDatabase } from '../../db/connection';
import { createEventBus } from '../../events';
import { silentLogger } from '../../platform/logger';
import { createProjectRepo } from '../../projects';
import { createVideoRepo } from './video.repo';
import { createVideoService } from './video.service';
import type { ScriptRuns } from './script-crew';

/*
 * The seam between videos and runs, with a typed double of the runs: drafts whose run ended while
 * the app was closed are settled at start-up (reconcile), whatever way the run ended.
 */

const databases: AppDatabase[] = [];
afterEach(() => {
  while (databases.length > 0) databases.pop()?.close();
});

function fakeRuns() {
  const details = new Map<string, RunDetail>();
  const runs: ScriptRuns & { details: typeof details; started: string[] } = {
    details,
    started: [],
    start() {
      const id = crypto.randomUUID();
      runs.started.push(id);
      return { id };
    },
    get(id) {
      const detail = details.get(id);
      if (!detail) throw new AppError(ErrorCode.NOT_FOUND, 'This run no longer exists.');
      return detail;
    },
    cancel: () => Promise.resolve(),
  };
  return runs;
}

const ended = (status: RunStatus, steps: Array<{ stepId: string; output: unknown }> = [], error: { code: string; message: string } | null = null) =>
  ({ run: { status, error }, steps: steps.map((s) => ({ ...s, status: 'succeeded' })), proposals: [] }) as unknown as RunDetail;

function setup(database: AppDatabase, runs: ScriptRuns) {
  let now = 1_000;
  return createVideoService({
    database,
    repo: createVideoRepo(database.orm),
    projects: createProjectRepo(database.orm),
    events: createEventBus(() => undefined),
    clock: { now: () => (now += 1) },
    ids: { newId: () => crypto.randomUUID() },
    logger: silentLogger(),
    assets: { kindOf: () => null },
    chapterText: () => [{ title: 'Arrival', text: 'Mara waits.' }],
    runs,
    defaultVoice: () => ({ engine: 'espeak-ng', voice: 'en-us', speed: 1, pitch: 0 }),
  });
}

describe('script drafts at start-up', () => {
  it('settles drafts whose run ended while the app was closed: applied, failed with its sentence, gone; a running one waits', async () => {
    const database = openDatabase({ file: ':memory:' });
    databases.push(database);
    database.sqlite.prepare('INSERT INTO projects (id, title, created_at, updated_at) VALUES (?, ?, 1, 1)').run('11111111-1111-4111-8111-111111111111', 'Book');
    const projectId = '11111111-1111-4111-8111-111111111111';
    const runs = fakeRuns();
    const before = setup(database, runs);
    const idea = (title: string) => before.create({ projectId, title, source: { kind: 'idea', idea: 'The sea.' } });
    const [done, failed, gone, going] = [idea('Done'), idea('Failed'), idea('Gone'), idea('Going')];
    const [doneRun, failedRun, , goingRun] = runs.started;
    runs.details.set(doneRun ?? '', ended('completed', [{ stepId: 'script', output: { title: 'S', scenes: [{ narration: 'The sea rose.', caption: 'Sea', visualDescription: 'Waves.', durationSeconds: 4 }] } }]));
    runs.details.set(failedRun ?? '', ended('failed', [], { code: 'PROVIDER_UNREACHABLE', message: 'Ollama is not running.' }));
    runs.details.set(goingRun ?? '', ended('running'));

    // The app starts again: a new service over the same database.
    const after = setup(database, runs);
    after.reconcile();
    expect(after.get(done.id)).toMatchObject({ draft: null, revision: 1, script: { scenes: [{ narration: 'The sea rose.', caption: 'Sea', visual: 'Waves.', durationHintSec: 4 }] } });
    expect(after.get(failed.id).draft).toMatchObject({ status: 'failed', error: 'The crew could not finish the script: Ollama is not running.' });
    expect(after.get(gone.id).draft).toMatchObject({ status: 'failed', error: expect.stringContaining('run is gone') });
    expect(after.get(going.id).draft).toMatchObject({ status: 'running' });

    // Events for runs that have not ended, or that no video waits for, change nothing.
    after.onRunChanged(goingRun ?? '');
    after.onRunChanged(crypto.randomUUID());
    expect(after.get(going.id).draft?.status).toBe('running');
    runs.details.set(goingRun ?? '', ended('cancelled'));
    after.onRunChanged(goingRun ?? '');
    expect(after.get(going.id).draft).toMatchObject({ status: 'failed', error: 'The crew’s run was stopped before the script was finished.' });
    // A settled draft is not settled twice.
    after.onRunChanged(doneRun ?? '');
    expect(after.get(done.id).revision).toBe(1);
  });
});
