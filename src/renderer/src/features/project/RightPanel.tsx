import { BookOpen, Brain, History, MessagesSquare, Search, ShieldCheck, Users, X } from 'lucide-react';
import { IconButton, TabPanel, Tabs, type TabItem } from '../../ui';
import { ChatPanel } from '../chat';
import { CodexPanel } from '../codex/CodexPanel';
import { ContinuityPanel } from '../continuity';
import { CrewPanel } from '../crew';
import { MemoryPanel } from '../memory';
import { SearchPanel } from '../search/SearchPanel';
import { SnapshotsPanel } from '../snapshots/SnapshotsPanel';
import { useLayout } from './layout.store';
import { useNavigation } from './navigation.store';

type PanelTab = 'codex' | 'snapshots' | 'search' | 'chat' | 'memory' | 'continuity' | 'crew';

const TABS: readonly TabItem<PanelTab>[] = [
  { id: 'codex', label: 'Codex', icon: <BookOpen size={14} aria-hidden="true" />, 'data-testid': 'panel-tab-codex' },
  { id: 'snapshots', label: 'Snapshots', icon: <History size={14} aria-hidden="true" />, 'data-testid': 'panel-tab-snapshots' },
  { id: 'search', label: 'Search', icon: <Search size={14} aria-hidden="true" />, 'data-testid': 'panel-tab-search' },
  { id: 'chat', label: 'Chat', icon: <MessagesSquare size={14} aria-hidden="true" />, 'data-testid': 'panel-tab-chat' },
  { id: 'memory', label: 'Memory', icon: <Brain size={14} aria-hidden="true" />, 'data-testid': 'panel-tab-memory' },
  { id: 'continuity', label: 'Continuity', icon: <ShieldCheck size={14} aria-hidden="true" />, 'data-testid': 'panel-tab-continuity' },
  { id: 'crew', label: 'Crew', icon: <Users size={14} aria-hidden="true" />, 'data-testid': 'panel-tab-crew' },
];

export interface RightPanelProps {
  projectId: string;
  panel: PanelTab;
}

/** The collapsible panel beside the editor: codex, snapshots, search, chat, memory, continuity and the agent crew as tabs. */
export function RightPanel({ projectId, panel }: RightPanelProps) {
  const setPanel = useNavigation((s) => s.setPanel);
  const rememberPanel = useLayout((s) => s.rememberPanel);
  return (
    <aside className="project-panel" aria-label="Project tools" data-testid="right-panel">
      <div className="project-panel__head">
        <Tabs
          tabs={TABS}
          active={panel}
          label="Project tools"
          idPrefix="project-panel"
          onChange={(tab) => {
            setPanel(tab);
            rememberPanel(tab);
          }}
        />
        <IconButton size="sm" label="Close panel" icon={<X size={15} />} onClick={() => setPanel(null)} data-testid="panel-close" />
      </div>
      <TabPanel idPrefix="project-panel" id={panel} className="project-panel__body">
        {panel === 'codex' && <CodexPanel projectId={projectId} />}
        {panel === 'snapshots' && <SnapshotsPanel projectId={projectId} />}
        {panel === 'search' && <SearchPanel projectId={projectId} />}
        {panel === 'chat' && <ChatPanel projectId={projectId} />}
        {panel === 'memory' && <MemoryPanel projectId={projectId} />}
        {panel === 'continuity' && <ContinuityPanel projectId={projectId} />}
        {panel === 'crew' && <CrewPanel projectId={projectId} />}
      </TabPanel>
    </aside>
  );
}

export function isPanelTab(panel: string | null): panel is PanelTab {
  return panel === 'codex' || panel === 'snapshots' || panel === 'search' || panel === 'chat' || panel === 'memory' || panel === 'continuity' || panel === 'crew';
}
