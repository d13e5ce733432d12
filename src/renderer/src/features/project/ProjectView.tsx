import { useStores } from '../../app/services';
import { SceneEditor } from '../editor/SceneEditor';
import { ExportDialog } from '../export/ExportDialog';
import { OutlinePanel } from '../outline';
import { VideoView, VideosSidebar } from '../video';
import { PANEL_LIMITS, SIDEBAR_LIMITS, useLayout } from './layout.store';
import { useNavigation } from './navigation.store';
import { NoSceneSelected } from './NoSceneSelected';
import { useProjectSession } from './use-project-session';
import { ProjectSettingsDialog } from './ProjectSettingsDialog';
import { ProjectTopBar } from './ProjectTopBar';
import { Resizer } from './Resizer';
import { isPanelTab, RightPanel } from './RightPanel';
import './project.css';

export interface ProjectViewProps {
  projectId: string;
}

/** A project: the manuscript tree (or the videos) on the left, the editor (or a video) in the centre, tools on the right. */
export function ProjectView({ projectId }: ProjectViewProps) {
  const { useProject } = useStores();
  useProjectSession(projectId);
  const sceneId = useNavigation((s) => s.sceneId);
  const mode = useNavigation((s) => s.mode);
  const panel = useNavigation((s) => s.panel);
  const layout = useLayout();
  const exportOpen = useProject((s) => s.dialog === 'export');
  const closeDialog = useProject((s) => s.closeDialog);

  return (
    <div className="project-view" data-testid="project-view">
      <ProjectTopBar projectId={projectId} />
      <div className="project-body">
        {layout.sidebarOpen && (
          <>
            <aside className="project-sidebar" style={{ width: layout.sidebarWidth }} data-testid="project-sidebar">
              {mode === 'video' ? <VideosSidebar projectId={projectId} /> : <OutlinePanel />}
            </aside>
            <Resizer label="Resize sidebar" width={layout.sidebarWidth} min={SIDEBAR_LIMITS.min} max={SIDEBAR_LIMITS.max} direction={1} onResize={layout.setSidebarWidth} />
          </>
        )}
        <main className="project-main" data-testid="project-main">
          {mode === 'video' ? <VideoView projectId={projectId} /> : sceneId ? <SceneEditor projectId={projectId} sceneId={sceneId} /> : <NoSceneSelected />}
        </main>
        {isPanelTab(panel) && (
          <>
            <Resizer label="Resize panel" width={layout.panelWidth} min={PANEL_LIMITS.min} max={PANEL_LIMITS.max} direction={-1} onResize={layout.setPanelWidth} />
            <div className="project-panel-wrap" style={{ width: layout.panelWidth }}>
              <RightPanel projectId={projectId} panel={panel} />
            </div>
          </>
        )}
      </div>
      <ProjectSettingsDialog />
      <ExportDialog projectId={projectId} open={exportOpen} onClose={closeDialog} />
    </div>
  );
}
