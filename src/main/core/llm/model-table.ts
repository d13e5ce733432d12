import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { ModelRef, ProviderId } from '../../../shared/models/llm';
import { problemsFromZod, type FieldProblem } from '../platform/zod-issues';

/**
 * The repo's resources/model-table.yaml, found from this file. Right for tests, tsx and the
 * browser mode; a packaged app passes its own path (process.resourcesPath/resources/…).
 */
export const DEFAULT_MODEL_TABLE_FILE = fileURLToPath(new URL('../../../../resources/model-table.yaml', import.meta.url));

const tokens = z.number().int().positive();
const usdPerMillion = z.number().nonnegative();

const modelEntrySchema = z
  .object({
    input: usdPerMillion,
    output: usdPerMillion,
    contextWindow: tokens,
    maxInputTokens: tokens.optional(),
  })
  .strict()
  .refine((m) => m.maxInputTokens === undefined || m.maxInputTokens <= m.contextWindow, {
    message: 'maxInputTokens cannot be larger than contextWindow',
    path: ['maxInputTokens'],
  });

const providerEntrySchema = z
  .object({
    defaultContextWindow: tokens,
    models: z.record(z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'is not a lower-case model family name'), modelEntrySchema).default({}),
  })
  .strict();

const modelTableSchema = z
  .object({
    version: z.literal(1),
    providers: z.object({ ollama: providerEntrySchema, openai: providerEntrySchema, anthropic: providerEntrySchema }).strict(),
  })
  .strict();
type ModelTableFile = z.infer<typeof modelTableSchema>;
type ModelEntry = z.infer<typeof modelEntrySchema>;

/** List prices of a model, USD per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

/** Prices and context windows by model (see resources/model-table.yaml). */
export interface ModelTable {
  /** The model's prices, or null when the table does not list it (local models, new names). */
  price(ref: ModelRef): ModelPrice | null;
  /** Estimated USD of a call; 0 for a model without a price. */
  costUsd(ref: ModelRef, tokensIn: number, tokensOut: number): number;
  /** Tokens the prompt and the answer may take together. */
  contextWindow(ref: ModelRef): number;
  /** Tokens the prompt alone may take (the window, unless the model caps its input lower). */
  maxInputTokens(ref: ModelRef): number;
}

/** The longest listed family `model` belongs to; a family ends at a name boundary (`gpt-4` is not `gpt-4o`). */
function findEntry(file: ModelTableFile, provider: ProviderId, model: string): ModelEntry | undefined {
  const name = model.trim().toLowerCase();
  let best: { family: string; entry: ModelEntry } | undefined;
  for (const [family, entry] of Object.entries(file.providers[provider].models)) {
    const matches = name === family || (name.startsWith(family) && /[-:@]/.test(name.charAt(family.length)));
    if (matches && (!best || family.length > best.family.length)) best = { family, entry };
  }
  return best?.entry;
}

/** A checked table's lookups. */
export function createModelTable(file: ModelTableFile): ModelTable {
  const entry = (ref: ModelRef) => findEntry(file, ref.provider, ref.model);
  const contextWindow = (ref: ModelRef) => entry(ref)?.contextWindow ?? file.providers[ref.provider].defaultContextWindow;
  return {
    price(ref) {
      const found = entry(ref);
      return found ? { input: found.input, output: found.output } : null;
    },
    costUsd(ref, tokensIn, tokensOut) {
      const found = entry(ref);
      return found ? (tokensIn * found.input + tokensOut * found.output) / 1_000_000 : 0;
    },
    contextWindow,
    maxInputTokens: (ref) => entry(ref)?.maxInputTokens ?? contextWindow(ref),
  };
}

/**
 * Reads and checks a model table file. A broken table is a packaging bug: it throws INTERNAL
 * naming the file and every wrong field, and the app does not start with made-up prices.
 */
export function loadModelTable(file: string): ModelTable {
  const fail = (problems: readonly FieldProblem[]) =>
    new AppError(ErrorCode.INTERNAL, `The model table ${file} is not valid: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new AppError(ErrorCode.INTERNAL, `The model table ${file} could not be read (${(cause as Error).message}).`, { cause });
  }
  const document = parseDocument(text);
  const yamlError = document.errors[0];
  if (yamlError) throw fail([{ field: path.basename(file), message: `is not valid YAML: ${yamlError.message.split('\n')[0] ?? ''}` }]);
  const raw: unknown = document.toJS();
  const parsed = modelTableSchema.safeParse(raw);
  if (!parsed.success) throw fail(problemsFromZod(parsed.error, raw));
  return createModelTable(parsed.data);
}
