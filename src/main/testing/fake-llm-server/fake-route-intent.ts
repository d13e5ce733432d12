import type { FakeChatRequest } from './fake-llm-server.types';

/**
 * A rule-based stand-in for the crew's intent router (prompts/route-intent.yaml), so tests and
 * the browser mode with fake providers route chat messages deterministically: keywords pick a
 * playbook, a capability or a two-step plan; a request for work that names nothing gets one
 * clarifying question; everything else is chat. Only ids the prompt lists are ever answered.
 */
const SCHEMA_TITLE = 'route-intent';

/** Whether a request is the intent router's (its schema's title says so). */
export function answersRouteIntent(request: FakeChatRequest): boolean {
  const schema = request.jsonSchema as { title?: unknown } | undefined;
  return typeof schema === 'object' && schema !== null && schema.title === SCHEMA_TITLE;
}

interface Listed {
  capabilities: Set<string>;
  playbooks: Set<string>;
  entries: string[];
  /** Chapter titles ("The Storm" of "Chapter 4: The Storm"). */
  chapters: string[];
}

interface Answer {
  kind: 'chat' | 'agent' | 'playbook' | 'plan' | 'clarify';
  agent: string | null;
  capability: string | null;
  playbook: string | null;
  steps: Array<{ id: string; title: string; agent: string; capability: string; dependsOn: string[] }>;
  chapter: string | null;
  entry: string | null;
  question: string | null;
}

const between = (text: string, tag: string) => new RegExp(`<${tag}>\\n?([\\s\\S]*?)\\n?</${tag}>`).exec(text)?.[1] ?? '';
const lines = (block: string) => block.split('\n').map((l) => l.trim()).filter((l) => l.length > 0 && l !== '(none)');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A request for work that says neither what nor on what ("fix it", "make it better", "can you
 * help with this?"): the router asks rather than guesses.
 */
const VAGUE = /^(please )?(can you |could you )?(help( me)?|fix|improve|make|do|change|work on|handle|sort out|deal with)\b(?!.*\b(chapter|scene|character|plot|outline|beats|setting|world)\b)(\s+(it|this|that|something|the thing|things|me|with (it|this|that)|better|it better|this better))*[\s.!?]*$/u;

const base = (kind: Answer['kind']): Answer => ({ kind, agent: null, capability: null, playbook: null, steps: [], chapter: null, entry: null, question: null });

/** The chapter a message names: "chapter 4" → "4", "chapter four" → "four", or a listed chapter's title. */
function chapterOf(message: string, titles: readonly string[]): string | null {
  const numbered = /\bchapter\s+(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\b/iu.exec(message)?.[1];
  return numbered ?? titles.find((title) => title.length > 2 && new RegExp(`\\b${escape(title)}\\b`, 'iu').test(message)) ?? null;
}

function entryOf(message: string, entries: readonly string[]): string | null {
  return entries.find((name) => new RegExp(`\\b${escape(name)}\\b`, 'iu').test(message)) ?? null;
}

/** Keyword rules, first match wins: [test, what it routes to]. */
function ruleFor(m: string, message: string, answer: string, listed: Listed): Answer | null {
  // What the latest words name wins (an answer naming the chapter the question asked for).
  const chapter = chapterOf(answer, listed.chapters) ?? chapterOf(message, listed.chapters);
  const entry = entryOf(answer, listed.entries) ?? entryOf(message, listed.entries);
  const playbook = (id: string, extra: Partial<Answer> = {}): Answer => ({ ...base('playbook'), playbook: id, chapter, ...extra });
  const agent = (id: string, capability: string, extra: Partial<Answer> = {}): Answer => ({ ...base('agent'), agent: id, capability, chapter, ...extra });

  if (/\bresearch\b/u.test(m) && /\b(then|and)\b/u.test(m) && /\b(develop|backstory)\b/u.test(m)) {
    return {
      ...base('plan'),
      entry,
      steps: [
        { id: 'character', title: 'Develop the character', agent: 'character_architect', capability: 'develop-character', dependsOn: [] },
        { id: 'research', title: 'Research what it needs', agent: 'researcher', capability: 'research-notes', dependsOn: ['character'] },
      ],
    };
  }
  if (/\b(draft|write)\b/u.test(m) && (/\bchapter\b/u.test(m) || /\boutline\b/u.test(m))) return playbook('draft-chapter');
  if (/\bcontinuity\b|\bconsisten|\bstyle (and|&) continuity\b|\bstyle pass\b/u.test(m)) return playbook('continuity-style-pass');
  if (/\bpac(ing|e)\b|\bdrags?\b/u.test(m)) return agent('editor', 'pacing-review');
  if (/\bstyle\b|\bprose review\b/u.test(m)) return agent('editor', 'style-review');
  if (/\bwhat (happens|should happen|comes|could happen) next\b|\bwhat next\b|\bwhere .* go next\b|\bnext plot\b/u.test(m)) return playbook('what-next', { chapter: null });
  if (/\b(develop|flesh out|deepen|backstory|build out)\b/u.test(m) && (entry !== null || /\bcharacter\b/u.test(m))) return playbook('develop-character', { entry, chapter: null });
  if (/\bbeats\b/u.test(m)) return agent('plot_alchemist', 'outline-beats');
  if (/\b(research|look up|find out about)\b/u.test(m)) return agent('researcher', 'research-notes', { chapter: null });
  if (/\b(develop|describe|build|design)\b.*\b(setting|city|town|place|world|culture|kingdom)\b/u.test(m)) return agent('world_builder', 'develop-setting', { chapter: null, entry });
  if (/\b(edit|polish|tighten)\b.*\bscene\b/u.test(m)) return agent('editor', 'edit-pass');
  return null;
}

/** Whether the rule's ids are among those the prompt listed (else the model would not answer them). */
function listedIn(answer: Answer, listed: Listed): boolean {
  if (answer.kind === 'playbook') return listed.playbooks.has(answer.playbook ?? '');
  if (answer.kind === 'agent') return listed.capabilities.has(`${answer.agent}/${answer.capability}`);
  if (answer.kind === 'plan') return answer.steps.every((s) => listed.capabilities.has(`${s.agent}/${s.capability}`));
  return true;
}

/** The router's JSON answer for a request made from prompts/route-intent.yaml. */
export function fakeRouteIntent(request: FakeChatRequest): string {
  const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n');
  const user = request.messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
  const listed: Listed = {
    capabilities: new Set(lines(between(system, 'capabilities')).map((l) => l.split(' — ')[0] ?? '')),
    playbooks: new Set(lines(between(system, 'playbooks')).map((l) => l.split(' — ')[0] ?? '')),
    entries: lines(between(system, 'entries')).map((l) => l.replace(/ \([^)]*\)$/u, '')),
    chapters: lines(between(system, 'chapters')).map((l) => l.replace(/^Chapter \d+: /u, '')),
  };
  // An answer to the router's question is read together with the request it was about.
  const earlier = /The writer asked: (.*)/u.exec(between(user, 'earlier'))?.[1] ?? '';
  const answer = between(user, 'message').trim();
  const message = `${earlier} ${answer}`.trim();
  const m = message.toLowerCase();
  const rule = ruleFor(m, message, answer, listed);
  if (rule && listedIn(rule, listed)) return JSON.stringify(rule);
  if (VAGUE.test(m)) return JSON.stringify({ ...base('clarify'), question: 'What would you like the crew to do, and on what: draft a chapter, develop a character, review a chapter, or brainstorm what happens next?' });
  // Questions, conversation and anything the crew has no job for are the chat's.
  return JSON.stringify(base('chat'));
}
