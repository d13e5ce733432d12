import type { FakeChatRequest } from './fake-llm-server.types';

/**
 * A tiny rule-based stand-in for the continuity fact extraction (prompts/extract-facts.yaml), so
 * tests and the browser mode with fake providers get deterministic facts: "<Name>'s eyes were
 * <colour>", "<Name>'s hair was <colour>" and "<A> … <B>, his/her <relation>".
 */
const SCHEMA_TITLE = 'continuity-facts';
const RELATIONS = 'sister|brother|mother|father|wife|husband|daughter|son|friend|enemy|cousin';

interface Entity {
  name: string;
  names: string[];
}

interface Fact {
  entity: string;
  attribute: string;
  value: string;
  quote: string;
}

/** Whether a request is the continuity extraction (its schema's title says so). */
export function answersFactExtraction(request: FakeChatRequest): boolean {
  const schema = request.jsonSchema as { title?: unknown } | undefined;
  return typeof schema === 'object' && schema !== null && schema.title === SCHEMA_TITLE;
}

const between = (text: string, tag: string) => new RegExp(`<${tag}>\\n?([\\s\\S]*?)\\n?</${tag}>`).exec(text)?.[1] ?? '';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "Mara (character; also called The Keeper, M)" → Mara with her aliases. */
function parseEntities(block: string): Entity[] {
  return block
    .split('\n')
    .map((line) => /^(.+?) \((?:[a-z]+)(?:; also called (.+))?\)$/.exec(line.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => {
      const name = (m[1] ?? '').trim();
      return { name, names: [name, ...(m[2] ?? '').split(', ').filter(Boolean)] };
    });
}

function sentences(scene: string): string[] {
  return scene
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim().replace(/[.!?]+$/, ''))
    .filter(Boolean);
}

function factsOf(sentence: string, entities: readonly Entity[]): Fact[] {
  const facts: Fact[] = [];
  for (const entity of entities) {
    const names = entity.names.map(escape).join('|');
    const trait = new RegExp(`(?:^|\\W)(?:${names})['’]s (eyes|hair) (?:were|are|was|is) ([a-z]+(?:-[a-z]+)?)`, 'i').exec(sentence);
    if (trait) facts.push({ entity: entity.name, attribute: trait[1]?.toLowerCase() === 'eyes' ? 'eye colour' : 'hair colour', value: (trait[2] ?? '').toLowerCase(), quote: sentence });
  }
  for (const subject of entities) {
    for (const other of entities) {
      if (other === subject) continue;
      const pattern = new RegExp(`(?:${subject.names.map(escape).join('|')})\\b.*\\b(?:${other.names.map(escape).join('|')}), (?:his|her|their) (${RELATIONS})\\b`, 'i');
      const relation = pattern.exec(sentence);
      if (relation) facts.push({ entity: subject.name, attribute: (relation[1] ?? '').toLowerCase(), value: other.name, quote: sentence });
    }
  }
  return facts;
}

/** The extraction's JSON answer for a request made from prompts/extract-facts.yaml. */
export function fakeFactExtraction(request: FakeChatRequest): string {
  const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n');
  const user = request.messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
  const entities = parseEntities(between(`${system}\n${user}`, 'entities'));
  const facts = sentences(between(user, 'scene')).flatMap((sentence) => factsOf(sentence, entities));
  return JSON.stringify({ facts });
}
