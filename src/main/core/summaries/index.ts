/**
 * Episodic summaries (issue 7, point 2): a chat session's summary once it goes quiet and a
 * scene's summary once it is saved and left alone, written as `episodic` memories (one per
 * source, re-written as a new version when the source changes) by durable jobs.
 */
export { characterMarkers, type EpisodicMemories, type EpisodicRecord, type SummarySource } from './episodic-memories';
export { summariseChat, summariseScene, transcriptOf, CHAT_SUMMARY_PROMPT, SCENE_SUMMARY_PROMPT, type SummariseDeps, type SummaryOutcome } from './summarise';
export {
  createSummaryJobKinds,
  createSummaryScheduler,
  CHAT_SUMMARY_JOB,
  SCENE_SUMMARY_JOB,
  CHAT_IDLE_MS,
  SCENE_IDLE_MS,
  type ChatSummaryPayload,
  type SceneSummaryPayload,
  type SummaryScheduler,
  type SummarySchedulerDeps,
} from './summary-jobs';
export { createSummaries, type Summaries, type SummariesDeps } from './create-summaries';
export { episodicFromMemory, type MemoryEntries } from './episodic-from-memory';
