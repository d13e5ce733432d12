import { ArrowLeft, BookText, Clapperboard, Download, PanelLeft, PanelRight, Settings } from 'lucide-react';
import { shortcutLabel } from '../../app/platform';
import { useShell } from '../../app/shell.store';
import { useStores } from '../../app/services';
import { Button, IconButton } from '../../ui';
import { AiStatusIndicator } from '../ai-settings';
import { SyncStatusIndicator } from '../sync';
import { WritingStats } from '../editor/WritingStats';
import { ThemeToggle } from '../settings';
import { togglePanel, useLayout } from './layout.store';
import { useNavigation } from './navigation.store';
import { STATUS_LABELS } from './project-draft';

/** The project view's title bar: back, the project's name (opens its settings), stats and tools. */
export function ProjectTopBar({ projectId }: { projectId: string }) {
  const { useProject } = useStores();
  const project = useProject((s) => s.project);
  const openDialog = useProject((s) => s.openDialog);
  const closeProject = useNavigation((s) => s.closeProject);
  const panelOpen = useNavigation((s) => s.panel !== null);
  const sidebarOpen = useLayout((s) => s.sidebarOpen);
  const toggleSidebar = useLayout((s) => s.toggleSidebar);
  const openShellDialog = useShell((s) => s.openDialog);

  return (
    <header className="project-topbar">
      <div className="project-topbar__start">
        <IconButton label="Back to projects" icon={<ArrowLeft size={17} />} onClick={closeProject} data-testid="back-to-dashboard" />
        <IconButton label={sidebarOpen ? 'Hide sidebar' : 'Show sidebar'} shortcut={shortcutLabel('Mod+\\')} icon={<PanelLeft size={17} />} active={sidebarOpen} onClick={toggleSidebar} data-testid="toggle-sidebar" />
        <button
          type="button"
          className="project-topbar__title"
          title="Project settings"
          onClick={() => openDialog('settings')}
          disabled={!project}
          data-testid="project-title"
        >
          <span className="project-topbar__name">{project?.title ?? '…'}</span>
          {project && <span className={`ui-badge project-topbar__status project-topbar__status--${project.status}`}>{STATUS_LABELS[project.status]}</span>}
        </button>
      </div>
      <div className="project-topbar__stats">
        <WritingStats projectId={projectId} />
      </div>
      <div className="project-topbar__end">
        <ModeSwitch />
        <Button size="sm" icon={<Download size={15} />} onClick={() => openDialog('export')} data-testid="open-export" title={`Export (${shortcutLabel('Mod+Shift+E')})`}>
          Export
        </Button>
        <span className="project-topbar__divider" aria-hidden="true" />
        <IconButton label={panelOpen ? 'Hide panel' : 'Show panel'} shortcut={shortcutLabel('Mod+Shift+\\')} icon={<PanelRight size={17} />} active={panelOpen} onClick={() => togglePanel()} data-testid="toggle-panel" />
        <SyncStatusIndicator />
        <AiStatusIndicator />
        <ThemeToggle />
        <IconButton label="Preferences" shortcut={shortcutLabel('Mod+,')} icon={<Settings size={17} />} onClick={() => openShellDialog('preferences')} data-testid="open-preferences" />
      </div>
    </header>
  );
}

/** Manuscript or videos: the project's two views, a click (or Mod+Shift+M) apart. */
function ModeSwitch() {
  const mode = useNavigation((s) => s.mode);
  const title = `Switch between the manuscript and the videos (${shortcutLabel('Mod+Shift+M')})`;
  return (
    <nav className="ui-segmented ui-segmented--sm project-topbar__modes" aria-label="Project views">
      <button type="button" className={mode === 'manuscript' ? 'is-active' : ''} aria-current={mode === 'manuscript' ? 'page' : undefined} title={title} onClick={() => useNavigation.getState().openManuscript()} data-testid="mode-manuscript">
        <BookText size={14} aria-hidden="true" />
        <span className="project-topbar__mode-label">Manuscript</span>
      </button>
      <button type="button" className={mode === 'video' ? 'is-active' : ''} aria-current={mode === 'video' ? 'page' : undefined} title={title} onClick={() => useNavigation.getState().openVideos()} data-testid="mode-video">
        <Clapperboard size={14} aria-hidden="true" />
        <span className="project-topbar__mode-label">Video</span>
      </button>
    </nav>
  );
}
