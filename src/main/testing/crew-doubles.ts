import { setTimeout as delay } from 'node:timers/promises';
import { AppError, ErrorCode } from '../../shared/ipc/errors';
import type { Agent, AgentCapability } from '../../shared/models/agents';
import type { Playbook } from '../../shared/models/plans';
import type { AuditEntry, Proposal } from '../../shared/models/runs';
import type { AgentRegistry, AgentStepExecutor, AgentStepRequest, AgentStepResult, AuditLog, CrewParts, PlaybookSource, ProposalInput, ProposalSink, RunProposals } from '../core/runs';

/*
 * Test doubles of the crew's other parts (the agents' executor, the proposals' sink, the audit
 * log, playbooks and the registry), for the engine's tests and the crash child. Deterministic:
 * an answer is a function of the request; failures and holds are scripted per step key.
 */

export interface ScriptedExecutorOptions {
  /** The validated output of a call (default: `{ text: "<agent>/<capability>: <inputs as JSON>" }`). */
  answer?: (request: AgentStepRequest) => unknown;
  /** An error to throw on this call of the step (1-based), or null to answer. */
  fail?: (request: AgentStepRequest, call: number) => AppError | null;
  /** Real time a call takes (a crash test kills mid-step); the call stops at once when aborted. */
  delayMs?: (request: AgentStepRequest) => number;
  /** Called when a call starts and ends (the crash child prints these). */
  onCall?: (event: 'start' | 'end', request: AgentStepRequest) => void;
}

export interface ScriptedExecutor extends AgentStepExecutor {
  /** Calls per step key. */
  readonly calls: Map<string, number>;
  total(): number;
}

const cancelled = () => new AppError(ErrorCode.CANCELLED, 'Cancelled.');

export function createScriptedExecutor(options: ScriptedExecutorOptions = {}): ScriptedExecutor {
  const calls = new Map<string, number>();
  return {
    calls,
    total: () => [...calls.values()].reduce((sum, n) => sum + n, 0),
    async execute(request): Promise<AgentStepResult> {
      const call = (calls.get(request.stepKey) ?? 0) + 1;
      calls.set(request.stepKey, call);
      options.onCall?.('start', request);
      const ms = options.delayMs?.(request) ?? 0;
      if (ms > 0) {
        try {
          await delay(ms, undefined, { signal: request.signal });
        } catch {
          throw cancelled();
        }
      }
      if (request.signal.aborted) throw cancelled();
      const failure = options.fail?.(request, call) ?? null;
      if (failure) throw failure;
      const output = options.answer ? options.answer(request) : { text: `${request.agentId}/${request.capability}: ${JSON.stringify(request.inputs)}` };
      const text = typeof output === 'object' && output !== null && 'text' in output ? String((output as { text: unknown }).text) : JSON.stringify(output);
      request.onDelta?.(text.slice(0, Math.ceil(text.length / 2)));
      request.onDelta?.(text.slice(Math.ceil(text.length / 2)));
      options.onCall?.('end', request);
      return {
        output,
        text,
        model: 'fake/scripted',
        promptId: `agent-${request.capability}`,
        promptVersion: 1,
        tokensIn: 10,
        tokensOut: 20,
        costUsd: 0.001,
        timings: { contextMs: 1, modelMs: 2, validateMs: 0.5 },
      };
    },
  };
}

/** An in-memory proposal store: idempotent by (runId, stepKey, key), as the real sink is. */
export function createMemoryProposals(onChanged: (runId: string) => void = () => undefined): ProposalSink & RunProposals & { all(): Proposal[]; decide(id: string, status: 'applied' | 'rejected'): void } {
  const rows = new Map<string, Proposal>();
  let next = 0;
  return {
    propose(input: ProposalInput): Proposal {
      const id = `${input.runId}|${input.stepKey}|${input.key}`;
      const existing = rows.get(id);
      if (existing && existing.status !== 'pending') return existing;
      next += 1;
      const proposal: Proposal = {
        id: existing?.id ?? `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`,
        runId: input.runId,
        projectId: input.projectId,
        stepKey: input.stepKey,
        agentId: input.agentId,
        key: input.key,
        change: input.change,
        edited: null,
        status: 'pending',
        violations: [],
        note: null,
        createdAt: existing?.createdAt ?? 0,
        decidedAt: null,
      };
      rows.set(id, proposal);
      onChanged(input.runId);
      return proposal;
    },
    forRun: (runId) => [...rows.values()].filter((proposal) => proposal.runId === runId),
    all: () => [...rows.values()],
    decide(id, status) {
      const entry = [...rows.entries()].find(([, proposal]) => proposal.id === id);
      if (!entry) throw new Error(`no proposal ${id}`);
      rows.set(entry[0], { ...entry[1], status, decidedAt: 1 });
      onChanged(entry[1].runId);
    },
  };
}

export function createMemoryAudit(): AuditLog & { entries: Array<Omit<AuditEntry, 'id' | 'createdAt'>> } {
  const entries: Array<Omit<AuditEntry, 'id' | 'createdAt'>> = [];
  return { entries, record: (entry) => void entries.push(entry) };
}

const capability = (id: string, proposes: AgentCapability['proposes'] = [], inputs: string[] = []): AgentCapability => ({
  id,
  description: `Does ${id}`,
  promptId: `agent-${id}`,
  inputs,
  proposes,
});

const agent = (id: string, capabilities: AgentCapability[]): Agent => ({
  id,
  name: id.replace(/_/gu, ' '),
  crew: 'writing',
  persona: `The ${id}.`,
  description: `The ${id}.`,
  capabilities,
  taskClass: 'creative',
  contextBudget: 4_000,
  memoryScope: { reads: { kinds: [], markerTypes: [] }, writes: null },
  source: 'builtin',
});

/** Three agents: a plotter (beats), a writer (scenes), an editor (notes). */
export const TEST_AGENTS: Agent[] = [
  agent('plot_alchemist', [capability('beats', [], ['request'])]),
  agent('writer', [capability('draft-scene', ['scene-text', 'new-scene'], ['beat']), capability('rewrite-scene', ['scene-text'], ['scene_text'])]),
  agent('editor', [capability('review', [], ['draft'])]),
];

export function createTestRegistry(agents: Agent[] = TEST_AGENTS): AgentRegistry {
  return {
    list: () => agents,
    get: (id) => agents.find((candidate) => candidate.id === id),
    capability: (agentId, capabilityId) => agents.find((candidate) => candidate.id === agentId)?.capabilities.find((c) => c.id === capabilityId),
  };
}

export function createTestPlaybooks(playbooks: Playbook[] = []): PlaybookSource {
  return {
    get(id) {
      const found = playbooks.find((playbook) => playbook.id === id);
      if (!found) throw new AppError(ErrorCode.NOT_FOUND, 'This playbook no longer exists.');
      return found;
    },
  };
}

/** All the crew parts as doubles, for `CoreConfig.crew`. */
export function createCrewDoubles(options: { executor?: ScriptedExecutor; playbooks?: Playbook[]; onProposalsChanged?: (runId: string) => void } = {}) {
  const executor = options.executor ?? createScriptedExecutor();
  const proposals = createMemoryProposals((runId) => options.onProposalsChanged?.(runId));
  const audit = createMemoryAudit();
  const parts: CrewParts = { executor, sink: proposals, proposals, audit, playbooks: createTestPlaybooks(options.playbooks), registry: createTestRegistry() };
  return { parts, executor, proposals, audit };
}
