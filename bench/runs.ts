/**
 * Agent runs benchmark: what the run engine (LangGraph graph, SQLite checkpoints, step rows,
 * streams, audit) costs per step on top of the model call itself, and how long a 20-step run
 * takes to resume after a restart. The model is the fake Ollama server answering at once,
 * called through the real LLM service; the same call made straight on the LLM service is the
 * baseline, so the figures are overhead, not model time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../src/main/core';
import { silentLogger } from '../src/main/core/platform/logger';
import type { AgentStepExecutor, AgentStepRequest } from '../src/main/core/runs';
import { createCrewDoubles, createScriptedExecutor } from '../src/main/testing/crew-doubles';
import { startFakeLlmServer } from '../src/main/testing/fake-llm-server';
import { projectCreateSchema } from '../src/shared/models/project';
import type { Plan } from '../src/shared/models/plans';
import { percentile } from './stats';

const STEPS = 20;
const RUNS = 10;
const DIRECT_CALLS = 200;
const REPLY = '{"text":"A short scene."}';

/** The LLM call a step makes: one `creative` call through the service, as the agents' executor does. */
function llmExecutor(core: () => Core): AgentStepExecutor & { call(request: Pick<AgentStepRequest, 'projectId' | 'agentId' | 'signal'>): Promise<unknown> } {
  const call = (request: Pick<AgentStepRequest, 'projectId' | 'agentId' | 'signal' | 'onDelta'>) =>
    core().services.ai.llm.run(
      { taskClass: 'creative', messages: [{ role: 'user', content: 'Write.' }], assignmentKey: request.projectId, projectId: request.projectId, agentId: request.agentId },
      { signal: request.signal, ...(request.onDelta && { onDelta: request.onDelta }) },
    );
  return {
    call,
    async execute(request) {
      const started = performance.now();
      const outcome = await call(request);
      return {
        output: JSON.parse(outcome.text) as unknown,
        text: outcome.text,
        model: `${outcome.model.provider}/${outcome.model.model}`,
        promptId: 'bench',
        promptVersion: 1,
        tokensIn: outcome.tokensIn,
        tokensOut: outcome.tokensOut,
        costUsd: outcome.costUsd,
        timings: { contextMs: 0, modelMs: performance.now() - started, validateMs: 0 },
      };
    },
  };
}

const chain = (steps: number): Plan => ({
  target: 'none',
  steps: Array.from({ length: steps }, (_, i) => ({
    id: `s${i}`,
    kind: 'agent' as const,
    title: `Step ${i}`,
    agent: 'writer',
    capability: 'draft-scene',
    inputs: { beat: i === 0 ? '$request' : `$steps.s${i - 1}.output.text` },
    dependsOn: i === 0 ? [] : [`s${i - 1}`],
    propose: [],
  })),
});

async function openCore(dataDir: string, executor: (core: () => Core) => AgentStepExecutor, fakeUrl: string): Promise<Core> {
  let core: Core | null = null;
  const crew = createCrewDoubles();
  const built = createCore({ dataDir, logger: silentLogger(), crew: { ...crew.parts, executor: executor(() => core as Core) } });
  core = built;
  await built.handlers['llm.setOllamaUrl']({ baseUrl: fakeUrl }, { transport: 'direct' });
  return built;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-bench-runs-'));
const fake = await startFakeLlmServer({ reply: REPLY, tokenDelayMs: 0 });
fake.setModels('ollama', ['llama3.2:latest']);
try {
  const dataDir = path.join(dir, 'data');
  const core = await openCore(dataDir, llmExecutor, fake.ollamaUrl);
  const project = core.services.projects.create(projectCreateSchema.parse({ title: 'Bench' }));
  const direct = llmExecutor(() => core);
  const signal = new AbortController().signal;
  for (let i = 0; i < 20; i += 1) await direct.call({ projectId: project.id, agentId: 'writer', signal });
  const directTimes: number[] = [];
  for (let i = 0; i < DIRECT_CALLS; i += 1) {
    const start = performance.now();
    await direct.call({ projectId: project.id, agentId: 'writer', signal });
    directTimes.push(performance.now() - start);
  }

  const runOnce = async (plan: Plan, request: string) => {
    const start = performance.now();
    const run = core.services.runs.start({ projectId: project.id, plan, request });
    const job = await core.services.jobs.whenFinished(run.jobId ?? '');
    if (job.status !== 'succeeded' || core.services.runs.get(run.id).run.status !== 'completed') throw new Error(`the bench run ended ${job.status}`);
    return performance.now() - start;
  };
  await runOnce(chain(STEPS), 'warm-up');
  const chainTimes: number[] = [];
  for (let i = 0; i < RUNS; i += 1) chainTimes.push((await runOnce(chain(STEPS), `run ${i}`)) / STEPS);
  core.close();

  // The engine alone: the same chain with an executor that answers without any model call.
  const bare = await openCore(path.join(dir, 'bare'), () => createScriptedExecutor({ answer: () => ({ text: 'A short scene.' }) }), fake.ollamaUrl);
  const bareProject = bare.services.projects.create(projectCreateSchema.parse({ title: 'Bare' }));
  const bareTimes: number[] = [];
  for (let i = 0; i <= RUNS; i += 1) {
    const start = performance.now();
    const run = bare.services.runs.start({ projectId: bareProject.id, plan: chain(STEPS), request: `run ${i}` });
    await bare.services.jobs.whenFinished(run.jobId ?? '');
    // The first run warms up.
    if (i > 0) bareTimes.push((performance.now() - start) / STEPS);
  }
  bare.close();

  // Resume: a 20-step run stopped (core closed) while its last step runs, then a new core on the folder.
  const resumeTimes: { open: number; resumed: number }[] = [];
  for (let i = 0; i < 5; i += 1) {
    const folder = path.join(dir, `resume-${i}`);
    let holding: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => (holding = resolve));
    const first = await openCore(
      folder,
      (coreOf) => {
        const inner = llmExecutor(coreOf);
        return {
          execute: (request) => {
            if (request.stepKey !== `s${STEPS - 1}`) return inner.execute(request);
            holding();
            return new Promise((_, reject) => request.signal.addEventListener('abort', () => reject(new Error('stopped')), { once: true }));
          },
        };
      },
      fake.ollamaUrl,
    );
    const owner = first.services.projects.create(projectCreateSchema.parse({ title: 'Resume' }));
    const run = first.services.runs.start({ projectId: owner.id, plan: chain(STEPS), request: 'go' });
    await reached;
    first.close();
    const start = performance.now();
    const second = await openCore(folder, llmExecutor, fake.ollamaUrl);
    const open = performance.now() - start;
    const job = await second.services.jobs.whenFinished(second.services.runs.get(run.id).run.jobId ?? '');
    const resumed = performance.now() - start;
    if (job.status !== 'succeeded' || second.services.runs.get(run.id).run.status !== 'completed') throw new Error('the resumed run did not complete');
    resumeTimes.push({ open, resumed });
    second.close();
  }

  const directP50 = percentile(directTimes, 50);
  const stepP50 = percentile(chainTimes, 50);
  console.log('\nAgent runs (fake Ollama answering at once, through the real LLM service)');
  console.log(`  LLM service call, direct            p50 ${directP50.toFixed(2)} ms   p95 ${percentile(directTimes, 95).toFixed(2)} ms   (${DIRECT_CALLS} calls)`);
  console.log(`  run step (20-step chain), per step  p50 ${stepP50.toFixed(2)} ms   p95 ${percentile(chainTimes, 95).toFixed(2)} ms   (${RUNS} runs)`);
  console.log(`  run step, executor without a model    p50 ${percentile(bareTimes, 50).toFixed(2)} ms   p95 ${percentile(bareTimes, 95).toFixed(2)} ms   (the engine alone)`);
  console.log(`  orchestration overhead per step     ${(stepP50 - directP50).toFixed(2)} ms   ratio to the direct call ${(stepP50 / directP50).toFixed(2)}×`);
  console.log(`  resume a 20-step run after restart  p50 ${percentile(resumeTimes.map((t) => t.resumed), 50).toFixed(1)} ms (core open ${percentile(resumeTimes.map((t) => t.open), 50).toFixed(1)} ms + last step and finish)`);
} finally {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
}
