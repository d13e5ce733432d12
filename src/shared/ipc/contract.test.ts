import { describe, expect, it } from 'vitest';
import { contract, contractParts, methodNames } from './contract';

describe('contract', () => {
  it('is the union of the per-domain contracts, with no method defined twice', () => {
    const names = Object.values(contractParts).flatMap((part) => Object.keys(part));
    // A name in two parts would silently keep only the last one in the spread.
    expect(names.length).toBe(new Set(names).size);
    expect([...names].sort()).toEqual([...methodNames].sort());
  });

  it('keeps every method of a domain in that domain’s file', () => {
    for (const [domain, part] of Object.entries(contractParts)) {
      for (const name of Object.keys(part)) {
        expect(contractOwners[name.split('.')[0] ?? '']).toBe(domain);
      }
    }
  });

  it('documents every method', () => {
    for (const name of methodNames) expect(contract[name].doc.length).toBeGreaterThan(0);
  });
});

/** Which part owns each method prefix: a new prefix must be placed here on purpose. */
const contractOwners: Record<string, keyof typeof contractParts> = {
  media: 'media',
  app: 'app',
  prefs: 'prefs',
  project: 'project',
  outline: 'manuscript',
  chapter: 'manuscript',
  scene: 'manuscript',
  codex: 'codex',
  snapshot: 'snapshot',
  trash: 'trash',
  search: 'search',
  stats: 'stats',
  export: 'export',
  llm: 'llm',
  routes: 'llm',
  stream: 'llm',
  keys: 'keys',
  prompts: 'prompts',
  chat: 'chat',
  ai: 'writingAi',
  usage: 'usage',
  jobs: 'jobs',
  memory: 'memory',
  continuity: 'continuity',
  agents: 'agents',
  playbooks: 'agents',
  policy: 'agents',
  runs: 'runs',
  proposals: 'runs',
  audit: 'runs',
  sync: 'sync',
};
