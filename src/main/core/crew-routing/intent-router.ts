import { z } from 'zod';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { AuditEntry, Intent, RunTarget } from '../../../shared/models/runs';
import { planSchema, type Plan, type Playbook } from '../../../shared/models/plans';
import type { LlmService } from '../llm';
import type { Clock } from '../platform/clock';
import { validatePlan, type AgentCatalog } from '../runs';
import { structuredCallOf, type PromptRenderer, type RenderedPrompt } from '../writing-ai';
import { defaultInputRef, defaultInputs, targetOfRefs } from './input-conventions';
import { chapterLabel, namedInMessage, optionalTarget, resolveTarget, type BookIndex, type NamedTarget } from './target-resolver';

/** The prompt the router uses (prompts/route-intent.yaml). */
export const ROUTE_INTENT_PROMPT = 'route-intent';

/** The model's answer, as the prompt's output schema shapes it. */
const answerSchema = z.object({
  kind: z.enum(['chat', 'agent', 'playbook', 'plan', 'clarify']),
  agent: z.string().nullable(),
  capability: z.string().nullable(),
  playbook: z.string().nullable(),
  steps: z.array(z.object({ id: z.string(), title: z.string(), agent: z.string(), capability: z.string(), dependsOn: z.array(z.string()) })),
  chapter: z.string().nullable(),
  entry: z.string().nullable(),
  question: z.string().nullable(),
});
type Answer = z.infer<typeof answerSchema>;

/** Where the router records its decisions (the proposals domain's audit log). */
export interface ClassifyAudit {
  record(entry: Omit<AuditEntry, 'id' | 'createdAt'>): void;
}

export interface IntentRouterDeps {
  prompts: PromptRenderer;
  llm: Pick<LlmService, 'runStructured'>;
  registry: AgentCatalog;
  playbooks: { list(): Playbook[] };
  /** The book a message may name things in: its outline and codex, and its title. */
  book(projectId: string): Omit<BookIndex, 'openSceneId'> & { title: string };
  /** Absent: decisions are not audited. */
  audit?: ClassifyAudit | undefined;
  clock: Clock;
}

/** The router's decision with what the chat says about it. */
export interface RoutedIntent {
  intent: Intent;
  /** The job's name for the reply ("Draft a chapter from its outline"); null for chat and questions. */
  title: string | null;
  /** What it works on, as the writer knows it ("Chapter 4: The Storm", "Mara"); null for nothing in particular. */
  targetLabel: string | null;
}

/** A request to route: the message and where the writer is. */
export interface RouteRequest {
  projectId: string;
  message: string;
  openSceneId?: string | undefined;
  /** What the writer pointed the request at, if anything (used when the message names nothing). */
  target?: RunTarget | undefined;
  /** The message answers the router's question: the request it asked about, and the question. */
  earlier?: { request: string; question: string } | undefined;
  signal: AbortSignal;
}

const NOT_COMPOSABLE = 'I couldn’t put that together from what the crew can do. Which agent or playbook should take it on?';
const clarify = (question: string): RoutedIntent => ({ intent: { kind: 'clarify', question }, title: null, targetLabel: null });

/**
 * Reads a chat message (structured output on the `classify` route) and decides: plain chat, one
 * agent's capability, a playbook, a plan composed from capabilities (validated against the
 * registry), or one clarifying question — whenever the model is unsure, names something that
 * does not exist, or the target cannot be found. Also resolves explicit picks without a model.
 */
export function createIntentRouter(deps: IntentRouterDeps) {
  /** The playbooks chat may start (a video's own playbooks are started by the video view). */
  const chatPlaybooks = () => deps.playbooks.list().filter((p) => p.startedFrom === 'chat');
  const capabilityTitle = (agentId: string, capabilityId: string) => {
    const agent = deps.registry.get(agentId);
    const capability = deps.registry.capability(agentId, capabilityId);
    // "Editor: pacing review": the capability's id read as words (its description is a sentence, too long for a title).
    return agent && capability ? `${agent.name}: ${capability.id.replace(/-/gu, ' ')}` : null;
  };

  function forPlaybook(playbookId: string, named: NamedTarget, book: BookIndex): RoutedIntent {
    const playbook = chatPlaybooks().find((p) => p.id === playbookId);
    if (!playbook) return clarify(NOT_COMPOSABLE);
    const resolved = resolveTarget(playbook.plan.target, named, book, playbook.name);
    if (!resolved.ok) return clarify(resolved.question);
    return { intent: { kind: 'playbook', playbookId, target: resolved.target }, title: playbook.name, targetLabel: resolved.label };
  }

  function forAgent(agentId: string, capabilityId: string, named: NamedTarget, book: BookIndex): RoutedIntent {
    const capability = deps.registry.capability(agentId, capabilityId);
    const title = capabilityTitle(agentId, capabilityId);
    if (!capability || !title) return clarify(NOT_COMPOSABLE);
    const need = targetOfRefs(Object.values(defaultInputs(capability)));
    if (need === 'mixed' || need === 'none') {
      const { target, label } = optionalTarget(named, book);
      return { intent: { kind: 'agent', agentId, capability: capabilityId, target }, title, targetLabel: label };
    }
    const resolved = resolveTarget(need, named, book, title);
    if (!resolved.ok) return clarify(resolved.question);
    return { intent: { kind: 'agent', agentId, capability: capabilityId, target: resolved.target }, title, targetLabel: resolved.label };
  }

  function forPlan(answer: Answer, book: BookIndex): RoutedIntent {
    const steps = answer.steps.map((step) => {
      const capability = deps.registry.capability(step.agent, step.capability);
      const after = step.dependsOn.at(-1);
      const inputs = Object.fromEntries((capability?.inputs ?? []).map((name) => [name, defaultInputRef(name, after)]));
      return { id: step.id, kind: 'agent' as const, title: step.title, agent: step.agent, capability: step.capability, inputs, dependsOn: step.dependsOn };
    });
    const need = targetOfRefs(steps.flatMap((s) => Object.values(s.inputs)));
    if (need === 'mixed') return clarify(NOT_COMPOSABLE);
    const parsed = planSchema.safeParse({ target: need, steps });
    if (!parsed.success || validatePlan(parsed.data, deps.registry).length > 0) return clarify(NOT_COMPOSABLE);
    const plan: Plan = parsed.data;
    const title = steps.map((s) => s.title).join(', then ');
    const resolved = resolveTarget(plan.target, answer, book, title);
    if (!resolved.ok) return clarify(resolved.question);
    return { intent: { kind: 'plan', plan, target: resolved.target }, title, targetLabel: resolved.label };
  }

  function decide(answer: Answer, book: BookIndex): RoutedIntent {
    switch (answer.kind) {
      case 'chat':
        return { intent: { kind: 'chat' }, title: null, targetLabel: null };
      case 'clarify':
        return clarify(answer.question?.trim() || 'Could you say a little more about what you would like done?');
      case 'playbook':
        return answer.playbook ? forPlaybook(answer.playbook, answer, book) : clarify(NOT_COMPOSABLE);
      case 'agent':
        return answer.agent && answer.capability ? forAgent(answer.agent, answer.capability, answer, book) : clarify(NOT_COMPOSABLE);
      case 'plan':
        return forPlan(answer, book);
    }
  }

  function promptValues(book: BookIndex & { title: string }, message: string, earlier: RouteRequest['earlier']): Record<string, string> {
    const capabilities = deps.registry.list().flatMap((agent) =>
      agent.capabilities.map((c) => `${agent.id}/${c.id} — ${c.description} (${agent.name}; inputs: ${c.inputs.join(', ') || 'none'})`),
    );
    const playbooks = chatPlaybooks().map((p) => `${p.id} — ${p.name}: ${p.description} (target: ${p.plan.target})`);
    const open = book.openSceneId ? book.outline.chapters.find((c) => c.scenes.some((s) => s.id === book.openSceneId)) : undefined;
    const scene = open?.scenes.find((s) => s.id === book.openSceneId);
    return {
      project_title: book.title,
      capabilities: capabilities.join('\n') || '(none)',
      playbooks: playbooks.join('\n') || '(none)',
      chapters: book.outline.chapters.map((c) => chapterLabel(book.outline, c.id)).join('\n'),
      entries: book.entries.map((e) => `${e.name} (${e.kind})`).join('\n'),
      open_scene: open && scene ? `the scene “${scene.title}” of ${chapterLabel(book.outline, open.id)}` : 'nothing',
      earlier: earlier ? `The writer asked: ${earlier.request}\nYou asked back: ${earlier.question}` : '',
      message,
    };
  }

  return {
    /** Classifies a message with the model. Model errors are thrown (the caller decides what chat does then). */
    async route(request: RouteRequest): Promise<RoutedIntent> {
      const started = deps.clock.now();
      const book: BookIndex & { title: string } = { ...deps.book(request.projectId), openSceneId: request.openSceneId };
      const rendered = deps.prompts.render(ROUTE_INTENT_PROMPT, promptValues(book, request.message, request.earlier));
      const record = (status: AuditEntry['status'], output: unknown, call?: CallFigures) =>
        deps.audit?.record(classifyEntry(request, rendered.version, status, output, call, Math.max(0, deps.clock.now() - started)));
      let outcome;
      try {
        outcome = await askModel(deps.llm, rendered, request);
      } catch (error) {
        record('error', { error: error instanceof AppError ? error.toShape() : { code: ErrorCode.INTERNAL, message: String(error) } });
        throw error;
      }
      const answer = answerSchema.safeParse(outcome.value);
      const given = namesOfTarget(request.target, book);
      const routed = answer.success
        ? decide({ ...answer.data, chapter: answer.data.chapter ?? given.chapter ?? null, entry: answer.data.entry ?? given.entry ?? null }, book)
        : clarify(NOT_COMPOSABLE);
      const call = { model: `${outcome.model.provider}/${outcome.model.model}`, tokensIn: outcome.tokensIn, tokensOut: outcome.tokensOut, costUsd: outcome.costUsd };
      record('ok', { answer: outcome.value, intent: routed.intent }, call);
      return routed;
    },
    /**
     * The writer picked the agent or playbook: only the target is resolved — the one given, or
     * one the message names ("chapter 4", a codex name), or the open scene's chapter.
     */
    explicit(request: Omit<RouteRequest, 'signal'> & { pick: { kind: 'agent'; agentId: string; capability: string } | { kind: 'playbook'; playbookId: string } }): RoutedIntent {
      const book: BookIndex & { title: string } = { ...deps.book(request.projectId), openSceneId: request.openSceneId };
      const given = namesOfTarget(request.target, book);
      const inMessage = namedInMessage(request.message, book);
      const named = { chapter: given.chapter ?? inMessage.chapter, entry: given.entry ?? inMessage.entry };
      const { pick } = request;
      if (pick.kind === 'playbook') {
        if (!chatPlaybooks().some((p) => p.id === pick.playbookId)) throw new AppError(ErrorCode.NOT_FOUND, 'That playbook was not found. It may have been deleted.');
        return forPlaybook(pick.playbookId, named, book);
      }
      if (!deps.registry.capability(pick.agentId, pick.capability)) throw new AppError(ErrorCode.NOT_FOUND, 'That agent or capability is not in the crew.');
      return forAgent(pick.agentId, pick.capability, named, book);
    },
  };
}

type CallFigures = { model: string; tokensIn: number; tokensOut: number; costUsd: number };

/** The structured call on the prompt's route (classify). */
function askModel(llm: IntentRouterDeps['llm'], rendered: RenderedPrompt, request: RouteRequest) {
  return llm.runStructured(structuredCallOf(ROUTE_INTENT_PROMPT, rendered, request.projectId), { signal: request.signal });
}

/** The audit log's `classify` entry for one routing decision (or its failure). */
function classifyEntry(
  request: RouteRequest,
  promptVersion: number,
  status: AuditEntry['status'],
  output: unknown,
  call: CallFigures | undefined,
  durationMs: number,
): Omit<AuditEntry, 'id' | 'createdAt'> {
  return {
    projectId: request.projectId,
    runId: null,
    stepKey: null,
    agentId: null,
    action: 'classify',
    status,
    input: { message: request.message, openSceneId: request.openSceneId ?? null, ...(request.earlier && { earlier: request.earlier }) },
    output,
    model: call?.model ?? null,
    promptId: ROUTE_INTENT_PROMPT,
    promptVersion,
    traceId: null,
    tokensIn: call?.tokensIn ?? 0,
    tokensOut: call?.tokensOut ?? 0,
    costUsd: call?.costUsd ?? 0,
    durationMs,
  };
}

/** The names of a target the writer gave by id, so it resolves like a named one. */
function namesOfTarget(target: RunTarget | undefined, book: BookIndex): NamedTarget {
  if (!target) return {};
  const chapterId = target.chapterId ?? book.outline.chapters.find((c) => c.scenes.some((s) => s.id === target.sceneId))?.id;
  const chapter = book.outline.chapters.find((c) => c.id === chapterId);
  const entry = book.entries.find((e) => e.id === target.entryId);
  return { chapter: chapter?.title ?? null, entry: entry?.name ?? null };
}

export type IntentRouter = ReturnType<typeof createIntentRouter>;
