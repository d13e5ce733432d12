import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../../shared/ipc/contract';
import { usageRowSchema } from '../../../shared/models/llm';
import { openDatabase, type AppDatabase } from '../db/connection';
import { llmCalls, projects } from '../db/schema';
import { DEFAULT_MODEL_TABLE_FILE, loadModelTable } from '../llm';
import { sequentialIds } from '../testing/domain-fixture';
import { createUsageHandlers } from './handlers';
import { createUsageService, summaryStart, type LlmCallRecord } from './usage.service';

/** Local times, so the test means the same thing in any time zone. */
const at = (day: number, hour: number, minute = 0) => new Date(2025, 5, day, hour, minute).getTime();
const PROJECT_A = '00000000-0000-4000-8000-00000000000a';
const PROJECT_B = '00000000-0000-4000-8000-00000000000b';

let database: AppDatabase;
let time: number;
const prices = loadModelTable(DEFAULT_MODEL_TABLE_FILE);

beforeEach(() => {
  database = openDatabase({ file: ':memory:' });
  time = at(12, 15);
  for (const [id, title] of [
    [PROJECT_A, 'The Lighthouse'],
    [PROJECT_B, 'Salt Roads'],
  ] as const) {
    database.orm.insert(projects).values({ id, title, createdAt: 0, updatedAt: 0 }).run();
  }
});
afterEach(() => database.close());

function service() {
  return createUsageService({ database, clock: { now: () => time }, ids: sequentialIds(), prices });
}

const call = (overrides: Partial<LlmCallRecord> = {}): LlmCallRecord => ({
  taskClass: 'creative',
  provider: 'openai',
  model: 'gpt-4o-mini',
  tokensIn: 1000,
  tokensOut: 500,
  latencyMs: 800,
  status: 'ok',
  ...overrides,
});

describe('usage service', () => {
  it('records a call with its estimated cost and every detail', () => {
    const usage = service();
    const result = usage.record(
      call({
        projectId: PROJECT_A,
        promptId: 'rewrite',
        promptVersion: 3,
        experiment: 'tone:b',
        fallbackFrom: [{ provider: 'ollama', model: 'llama3.1:8b' }, { provider: 'anthropic', model: 'claude-3-5-haiku' }],
        firstTokenMs: 120.6,
        latencyMs: 812.4,
        estimated: true,
      }),
    );
    expect(result.costUsd).toBeCloseTo(0.00045, 10);
    const row = database.orm.select().from(llmCalls).get();
    expect(row).toMatchObject({
      id: result.id,
      at: time,
      projectId: PROJECT_A,
      promptId: 'rewrite',
      promptVersion: 3,
      taskClass: 'creative',
      provider: 'openai',
      model: 'gpt-4o-mini',
      experiment: 'tone:b',
      fallbackFrom: 'ollama/llama3.1:8b, anthropic/claude-3-5-haiku',
      tokensIn: 1000,
      tokensOut: 500,
      latencyMs: 812,
      firstTokenMs: 121,
      status: 'ok',
      errorCode: null,
      estimated: true,
    });
    usage.record(call());
    expect(database.orm.select().from(llmCalls).all().map((r) => r.estimated)).toEqual([true, false]);
  });

  it('costs nothing for local models, unknown models and cancelled calls with no tokens', () => {
    const usage = service();
    expect(usage.record(call({ provider: 'ollama', model: 'llama3.1:8b' })).costUsd).toBe(0);
    expect(usage.record(call({ model: 'mystery-model' })).costUsd).toBe(0);
    expect(usage.record(call({ status: 'cancelled', tokensIn: 0, tokensOut: 0 })).costUsd).toBe(0);
    expect(usage.estimateCost('anthropic', 'claude-3-5-haiku-latest', 1_000_000, 1_000_000)).toBeCloseTo(4.8, 10);
  });

  it('sums calls by local day and project, newest day first, with project titles', () => {
    const usage = service();
    const recordAt = (when: number, overrides: Partial<LlmCallRecord>) => {
      time = when;
      usage.record(call(overrides));
    };
    recordAt(at(12, 9), { projectId: PROJECT_A, latencyMs: 1000 });
    recordAt(at(12, 10), { projectId: PROJECT_A, latencyMs: 2000, status: 'error', errorCode: 'RATE_LIMITED', tokensIn: 0, tokensOut: 0 });
    recordAt(at(12, 11), { projectId: PROJECT_A, status: 'cancelled', tokensOut: 100 });
    recordAt(at(12, 0, 30), { provider: 'ollama', model: 'llama3.1:8b' });
    recordAt(at(11, 23, 30), { projectId: PROJECT_B, model: 'gpt-4o' });
    recordAt(at(11, 12), { projectId: 'ffffffff-0000-4000-8000-000000000000' });
    recordAt(at(10, 23, 59), { projectId: PROJECT_B });
    time = at(12, 15);

    const rows = usage.summary({ days: 2 });
    for (const row of rows) usageRowSchema.parse(row);
    expect(rows.map((r) => [r.day, r.projectTitle])).toEqual([
      ['2025-06-12', 'The Lighthouse'],
      ['2025-06-12', null],
      ['2025-06-11', 'Salt Roads'],
      ['2025-06-11', null],
    ]);
    expect(rows[0]).toEqual({
      day: '2025-06-12',
      projectId: PROJECT_A,
      projectTitle: 'The Lighthouse',
      calls: 3,
      tokensIn: 2000,
      tokensOut: 600,
      costUsd: Math.round(((1000 * 0.15 + 500 * 0.6) / 1e6 + (1000 * 0.15 + 100 * 0.6) / 1e6) * 1e6) / 1e6,
      avgLatencyMs: 1267,
      errors: 1,
      estimatedCalls: 0,
    });
    expect(rows[1]).toMatchObject({ projectId: null, calls: 1, costUsd: 0, errors: 0 });
    expect(rows[2]).toMatchObject({ projectId: PROJECT_B, calls: 1, costUsd: 0.0075 });
    // A project that no longer exists keeps its id, without a title.
    expect(rows[3]).toMatchObject({ projectId: 'ffffffff-0000-4000-8000-000000000000', projectTitle: null });

    expect(usage.summary({ days: 3 }).map((r) => r.day)).toContain('2025-06-10');
    expect(usage.summary({ projectId: PROJECT_B, days: 30 }).map((r) => [r.day, r.calls])).toEqual([
      ['2025-06-11', 1],
      ['2025-06-10', 1],
    ]);
    expect(usage.summary({ projectId: PROJECT_A, days: 1 })).toHaveLength(1);
  });

  it('starts a window at local midnight, whatever the day length', () => {
    expect(summaryStart(at(12, 15), 1)).toBe(at(12, 0));
    expect(summaryStart(at(12, 15), 3)).toBe(at(10, 0));
    // Across a month boundary.
    expect(summaryStart(new Date(2025, 2, 2, 8).getTime(), 3)).toBe(new Date(2025, 1, 28).getTime());
  });

  it('answers usage.summary through its handler, with the contract’s defaults', async () => {
    const usage = service();
    usage.record(call({ projectId: PROJECT_A }));
    const handlers = createUsageHandlers(usage);
    const output = await handlers['usage.summary'](contract['usage.summary'].input.parse({}), { transport: 'direct' });
    expect(contract['usage.summary'].output.parse(output)).toHaveLength(1);
  });
});
