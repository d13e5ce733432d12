import { ChevronRight, Feather, Plus, Settings } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ProjectSummary } from '../../../../shared/models/project';
import { useApi, useStores } from '../../app/services';
import { Button, EmptyState, formatCount, IconButton, Spinner } from '../../ui';
import { useShell } from '../../app/shell.store';
import { shortcutLabel } from '../../app/platform';
import { useNavigation } from '../project/navigation.store';
import { ThemeToggle } from '../settings';
import { AiStatusIndicator } from '../ai-settings';
import { SyncStatusIndicator } from '../sync';
import { CreateProjectDialog } from './CreateProjectDialog';
import { DashboardTrash } from './DashboardTrash';
import { ProjectCard } from './ProjectCard';
import './dashboard.css';

/** The start screen: every project, the archive, and the trash. */
export function Dashboard() {
  const api = useApi();
  const { useDashboard } = useStores();
  const view = useDashboard((s) => s.view);
  const setView = useDashboard((s) => s.setView);
  const createOpen = useDashboard((s) => s.createOpen);
  const setCreateOpen = useDashboard((s) => s.setCreateOpen);
  const openDialog = useShell((s) => s.openDialog);

  useEffect(() => {
    const { load, loadTrash } = useDashboard.getState();
    void load();
    return api.on('project.changed', () => {
      void load();
      if (useDashboard.getState().view === 'trash') void loadTrash();
    });
  }, [api, useDashboard]);

  return (
    <div className="dashboard">
      <header className="dashboard-header">
        <div className="dashboard-brand">
          <span className="dashboard-brand__mark" aria-hidden="true">
            <Feather size={18} />
          </span>
          <span className="dashboard-brand__name">Nova Studio</span>
        </div>
        <nav className="ui-segmented" aria-label="Dashboard sections">
          <button type="button" className={view === 'projects' ? 'is-active' : ''} aria-current={view === 'projects' ? 'page' : undefined} onClick={() => setView('projects')} data-testid="nav-projects">
            Projects
          </button>
          <button type="button" className={view === 'trash' ? 'is-active' : ''} aria-current={view === 'trash' ? 'page' : undefined} onClick={() => setView('trash')} data-testid="nav-trash">
            Trash
          </button>
        </nav>
        <div className="dashboard-header__actions">
          <SyncStatusIndicator />
          <AiStatusIndicator />
          <ThemeToggle />
          <IconButton label="Preferences" shortcut={shortcutLabel('Mod+,')} icon={<Settings size={17} />} onClick={() => openDialog('preferences')} data-testid="open-preferences" />
          <Button variant="primary" icon={<Plus size={16} />} onClick={() => setCreateOpen(true)} data-testid="new-project">
            New project
          </Button>
        </div>
      </header>
      <main className="dashboard-main">{view === 'projects' ? <ProjectsView /> : <DashboardTrash />}</main>
      <CreateProjectDialog open={createOpen} onClose={() => setCreateOpen(false)} />
    </div>
  );
}

function ProjectsView() {
  const { useDashboard } = useStores();
  const projects = useDashboard((s) => s.projects);
  const status = useDashboard((s) => s.status);
  const setArchived = useDashboard((s) => s.setArchived);
  const remove = useDashboard((s) => s.remove);
  const setCreateOpen = useDashboard((s) => s.setCreateOpen);
  const openProject = useNavigation((s) => s.openProject);
  const [archiveOpen, setArchiveOpen] = useState(false);

  if (status === 'idle' || (status === 'loading' && projects.length === 0)) {
    return (
      <div className="dashboard-center">
        <Spinner label="Loading your projects…" />
      </div>
    );
  }
  if (status === 'error' && projects.length === 0) {
    return (
      <EmptyState title="Your projects could not be loaded" action={<Button onClick={() => void useDashboard.getState().load()}>Try again</Button>}>
        <p>Nothing has been lost. Check that Nova Studio is still running, then try again.</p>
      </EmptyState>
    );
  }

  const active = projects.filter((p) => !p.archived);
  const archived = projects.filter((p) => p.archived);
  const totalWords = active.reduce((sum, p) => sum + p.wordCount, 0);
  const open = (project: ProjectSummary) => openProject(project.id);
  const card = (project: ProjectSummary) => <ProjectCard key={project.id} project={project} onOpen={open} onArchive={(p, a) => void setArchived(p, a)} onDelete={(p) => void remove(p)} />;

  return (
    <>
      {active.length === 0 ? (
        <EmptyState
          icon={<Feather size={30} />}
          title={archived.length === 0 ? 'Create your first project' : 'No active projects'}
          data-testid="dashboard-empty"
          action={
            <Button variant="primary" icon={<Plus size={16} />} onClick={() => setCreateOpen(true)} data-testid="new-project-empty">
              Create a project
            </Button>
          }
        >
          <p>
            A project holds your manuscript — chapters and scenes — and a codex of its characters, places and lore. Everything is saved on this computer as
            you type.
          </p>
        </EmptyState>
      ) : (
        <section aria-labelledby="projects-heading">
          <div className="dashboard-section-head">
            <h1 id="projects-heading">Projects</h1>
            <span className="dashboard-summary">
              {formatCount(active.length, 'project')} · {formatCount(totalWords, 'word')} written
            </span>
          </div>
          <div className="project-grid" data-testid="project-list">
            {active.map(card)}
            <button type="button" className="project-card project-card--new" onClick={() => setCreateOpen(true)} data-testid="new-project-card">
              <Plus size={22} aria-hidden="true" />
              <span>New project</span>
            </button>
          </div>
        </section>
      )}
      {archived.length > 0 && (
        <section className="dashboard-archive">
          <button type="button" className="dashboard-archive__toggle" aria-expanded={archiveOpen} onClick={() => setArchiveOpen(!archiveOpen)} data-testid="archived-toggle">
            <ChevronRight size={16} className="dashboard-chevron" aria-hidden="true" />
            Archived <span className="dashboard-badge">{archived.length}</span>
          </button>
          {archiveOpen && (
            <div className="project-grid" data-testid="archived-list">
              {archived.map(card)}
            </div>
          )}
        </section>
      )}
    </>
  );
}
