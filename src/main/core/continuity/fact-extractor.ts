import type { CodexEntry } from '../../../shared/models/codex';
import type { LlmService } from '../llm';
import { structuredCallOf, type PromptRenderer } from '../writing-ai';

/** The prompt the extraction uses (prompts/extract-facts.yaml). */
export const EXTRACT_FACTS_PROMPT = 'extract-facts';

/** A fact as the model states it, before it is tied to an entry and a place. */
export interface ExtractedFact {
  entry: CodexEntry;
  attribute: string;
  value: string;
  quote: string;
}

export interface FactExtractorDeps {
  prompts: PromptRenderer;
  llm: Pick<LlmService, 'runStructured'>;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Codex entries whose name or an alias appears in the text as whole words, ignoring case. */
export function entriesInText(text: string, entries: readonly CodexEntry[]): CodexEntry[] {
  return entries.filter((entry) =>
    [entry.name, ...entry.aliases].some((name) => name.trim().length > 0 && new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(name.trim())}(?=$|[^\\p{L}\\p{N}])`, 'iu').test(text)),
  );
}

/** "Mara (character; also called The Keeper)" lines for the prompt. */
export function describeEntities(entries: readonly CodexEntry[]): string {
  return entries.map((e) => `${e.name} (${e.kind}${e.aliases.length > 0 ? `; also called ${e.aliases.join(', ')}` : ''})`).join('\n');
}

function byName(entries: readonly CodexEntry[], name: string): CodexEntry | undefined {
  const wanted = name.trim().toLowerCase();
  return entries.find((e) => e.name.toLowerCase() === wanted) ?? entries.find((e) => e.aliases.some((a) => a.toLowerCase() === wanted));
}

/**
 * Asks the model (structured, checked against the prompt's JSON Schema) which facts a scene
 * states about the entries it mentions. Facts about names the codex does not know are dropped.
 */
export function createFactExtractor(deps: FactExtractorDeps) {
  return {
    async extract(input: { projectId: string; projectTitle: string; sceneText: string; entries: readonly CodexEntry[]; signal: AbortSignal }): Promise<ExtractedFact[]> {
      if (input.entries.length === 0 || input.sceneText.trim().length === 0) return [];
      const rendered = deps.prompts.render(EXTRACT_FACTS_PROMPT, {
        project_title: input.projectTitle,
        entities: describeEntities(input.entries),
        scene_text: input.sceneText,
      });
      const outcome = await deps.llm.runStructured(structuredCallOf(EXTRACT_FACTS_PROMPT, rendered, input.projectId), { signal: input.signal });
      const facts = (outcome.value as { facts: Array<{ entity: string; attribute: string; value: string; quote: string }> }).facts;
      const found: ExtractedFact[] = [];
      for (const fact of facts) {
        const entry = byName(input.entries, fact.entity);
        if (entry) found.push({ entry, attribute: fact.attribute, value: fact.value.trim(), quote: fact.quote.trim() });
      }
      return found;
    },
  };
}

export type FactExtractor = ReturnType<typeof createFactExtractor>;
