import type { Api } from '../lib/api';
import { createKeysStore, createLlmStatusStore, createPullStore, type KeysStore, type LlmStatusStore, type PullStore } from '../features/ai-settings';
import { createPromptsStore, type PromptsStore } from '../features/ai-settings/prompts.store';
import { createRoutesStore, type RoutesStore } from '../features/ai-settings/routes.store';
import { createUsageStore, type UsageStore } from '../features/ai-settings/usage.store';
import { createChatLiveTextStore, createChatStore, type ChatLiveTextStore, type ChatStore } from '../features/chat';
import { createCodexStore, type CodexStore } from '../features/codex';
import { createIndexStatusStore, createMemoryStore, type IndexStatusStore, type MemoryStore } from '../features/memory';
import { createContinuityStore, type ContinuityStore } from '../features/continuity/continuity.store';
import { createDashboardStore, type DashboardStore } from '../features/dashboard/dashboard.store';
import { createWritingStatsStore, type WritingStatsStore } from '../features/editor/writing-stats.store';
import { createJobsStore, type JobsStore } from '../features/jobs';
import { createOutlineStore, type OutlineStore } from '../features/outline';
import { createProjectStore, type ProjectStore } from '../features/project/project.store';
import { createSearchStore, type SearchStore } from '../features/search/search.store';
import { createPrefsStore, type PrefsStore } from '../features/settings';
import { createSnapshotsStore, type SnapshotsStore } from '../features/snapshots/snapshots.store';
import { createAuditStore, type AuditStore } from '../features/audit/audit.store';
import { createPlaybooksStore, type PlaybooksStore } from '../features/playbooks/playbooks.store';
import { createProposalsStore, type ProposalsStore } from '../features/proposals/proposals.store';
import { createRunsStore, type RunsStore } from '../features/runs/runs.store';
import { createSyncAccountStore, createSyncStore, type SyncAccountStore, type SyncStore } from '../features/sync';
import { createAssetsStore, createRendersStore, createVideoEditorStore, createVideosStore, createVoicesStore, type AssetsStore, type RendersStore, type VideoEditorStore, type VideosStore, type VoicesStore } from '../features/video/stores';

/**
 * Every store that talks to the core, each built on the one client. Keys are the hooks'
 * names, so a component reads `const { useOutline } = useStores();` and uses `useOutline`
 * as a zustand hook (`useOutline((s) => s.outline)`, `useOutline.getState()`).
 * Stores that hold only UI state (navigation, layout, shell, toasts, editor session…) need no
 * client and stay plain modules.
 */
export interface Stores {
  useDashboard: DashboardStore;
  useProject: ProjectStore;
  useOutline: OutlineStore;
  useWritingStats: WritingStatsStore;
  useCodexStore: CodexStore;
  useSnapshots: SnapshotsStore;
  useSearch: SearchStore;
  usePrefs: PrefsStore;
  useChat: ChatStore;
  useChatLiveText: ChatLiveTextStore;
  useLlmStatus: LlmStatusStore;
  usePull: PullStore;
  useKeys: KeysStore;
  useRoutes: RoutesStore;
  usePrompts: PromptsStore;
  useUsage: UsageStore;
  useJobs: JobsStore;
  useMemory: MemoryStore;
  useIndexStatus: IndexStatusStore;
  useContinuity: ContinuityStore;
  useRuns: RunsStore;
  useProposals: ProposalsStore;
  useAudit: AuditStore;
  usePlaybooks: PlaybooksStore;
  useVideos: VideosStore;
  useVideoEditor: VideoEditorStore;
  useRenders: RendersStore;
  useVoices: VoicesStore;
  useMediaAssets: AssetsStore;
  useSync: SyncStore;
  useSyncAccount: SyncAccountStore;
}

/** The stores' composition root: called once at start-up with the app's client, or in a test with a fake one. */
export function createStores(api: Api): Stores {
  const useLlmStatus = createLlmStatusStore(api);
  const useChatLiveText = createChatLiveTextStore();
  const useVideos = createVideosStore(api);
  return {
    useDashboard: createDashboardStore(api),
    useProject: createProjectStore(api),
    useOutline: createOutlineStore(api),
    useWritingStats: createWritingStatsStore(api),
    useCodexStore: createCodexStore(api),
    useSnapshots: createSnapshotsStore(api),
    useSearch: createSearchStore(api),
    usePrefs: createPrefsStore(api),
    useChat: createChatStore(api, useChatLiveText),
    useChatLiveText,
    useLlmStatus,
    usePull: createPullStore(api, useLlmStatus),
    useKeys: createKeysStore(api),
    useRoutes: createRoutesStore(api),
    usePrompts: createPromptsStore(api),
    useUsage: createUsageStore(api),
    useJobs: createJobsStore(api),
    useMemory: createMemoryStore(api),
    useIndexStatus: createIndexStatusStore(api),
    useContinuity: createContinuityStore(api),
    useRuns: createRunsStore(api),
    useProposals: createProposalsStore(api),
    useAudit: createAuditStore(api),
    usePlaybooks: createPlaybooksStore(api),
    useVideos,
    useVideoEditor: createVideoEditorStore(api, (video) => useVideos.getState().put(video)),
    useRenders: createRendersStore(api),
    useVoices: createVoicesStore(api),
    useMediaAssets: createAssetsStore(api),
    useSync: createSyncStore(api),
    useSyncAccount: createSyncAccountStore(api),
  };
}
