export { createContinuityRepo, type ContinuityRepo } from './continuity.repo';
export { createSceneCheck, type SceneCheck, type SceneCheckDeps } from './continuity-check';
export {
  createContinuityService,
  CONTINUITY_CHECK_KIND,
  CONTINUITY_IDLE_MS,
  continuityCheckPayloadSchema,
  type ContinuityCheckPayload,
  type ContinuityDeps,
  type ContinuityService,
} from './continuity.service';
export { createFactExtractor, EXTRACT_FACTS_PROMPT, type FactExtractor } from './fact-extractor';
export { noAssociativeMemory, type AssociativeLink, type AssociativeMemory } from './associative-memory';
export { createMemoryLinks, type MemoryEntries } from './memory-links';
export { createContinuityHandlers } from './handlers';
export { composeContinuity, type ContinuityCompositionDeps } from './compose-continuity';
