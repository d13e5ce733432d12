import type { z } from 'zod';
import { agentsContract } from './contract/agents.contract';
import { appContract } from './contract/app.contract';
import { chatContract } from './contract/chat.contract';
import { codexContract } from './contract/codex.contract';
import { continuityContract } from './contract/continuity.contract';
import { exportContract } from './contract/export.contract';
import { jobsContract } from './contract/jobs.contract';
import { keysContract } from './contract/keys.contract';
import { llmContract } from './contract/llm.contract';
import { manuscriptContract } from './contract/manuscript.contract';
import { mediaContract } from './contract/media.contract';
import { memoryContract } from './contract/memory.contract';
import { runsContract } from './contract/runs.contract';
import { prefsContract } from './contract/prefs.contract';
import { projectContract } from './contract/project.contract';
import { promptsContract } from './contract/prompts.contract';
import { searchContract } from './contract/search.contract';
import { snapshotContract } from './contract/snapshot.contract';
import { statsContract } from './contract/stats.contract';
import { syncContract } from './contract/sync.contract';
import { trashContract } from './contract/trash.contract';
import { usageContract } from './contract/usage.contract';
import { writingAiContract } from './contract/writing-ai.contract';

/**
 * The contract of each domain, one file each under `contract/`, so a domain's doors sit
 * beside each other. A new domain adds its file here and to the spread below.
 */
export const contractParts = {
  app: appContract,
  prefs: prefsContract,
  project: projectContract,
  manuscript: manuscriptContract,
  codex: codexContract,
  snapshot: snapshotContract,
  trash: trashContract,
  search: searchContract,
  stats: statsContract,
  export: exportContract,
  llm: llmContract,
  keys: keysContract,
  prompts: promptsContract,
  chat: chatContract,
  writingAi: writingAiContract,
  usage: usageContract,
  jobs: jobsContract,
  memory: memoryContract,
  continuity: continuityContract,
  agents: agentsContract,
  runs: runsContract,
  media: mediaContract,
  sync: syncContract,
} as const;

/**
 * The one door between the UI and the core. Every method is `domain.verb` with a zod schema
 * for its input and its output. The router, both transports and the renderer's client are
 * derived from this object. (Spelled out rather than reduced from `contractParts` so the type
 * keeps every method's exact schemas; a test checks the two agree and no name repeats.)
 */
export const contract = {
  ...appContract,
  ...prefsContract,
  ...projectContract,
  ...manuscriptContract,
  ...codexContract,
  ...snapshotContract,
  ...trashContract,
  ...searchContract,
  ...statsContract,
  ...exportContract,
  ...llmContract,
  ...keysContract,
  ...promptsContract,
  ...chatContract,
  ...writingAiContract,
  ...usageContract,
  ...jobsContract,
  ...memoryContract,
  ...continuityContract,
  ...agentsContract,
  ...runsContract,
  ...mediaContract,
  ...syncContract,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What a caller passes (defaults may be omitted). */
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives after parsing (defaults applied). */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export const methodNames = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}
