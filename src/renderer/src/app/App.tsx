import { AiSettingsDialog } from '../features/ai-settings';
import { Dashboard } from '../features/dashboard/Dashboard';
import { JobsDialog, JobsIndicator } from '../features/jobs';
import { Onboarding } from '../features/onboarding';
import { useNavigation } from '../features/project/navigation.store';
import { ProjectView } from '../features/project/ProjectView';
import { PreferencesDialog } from '../features/settings';
import { SyncPanel } from '../features/sync';
import { Toaster } from '../ui';
import { ConnectionBanner } from './ConnectionBanner';
import { useShell } from './shell.store';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useAppEffects, useThemeEffect } from './use-app-effects';
import './app.css';

/** The whole renderer: the dashboard or an open project, with the app-wide banner, toasts and dialogs. */
export function App() {
  useThemeEffect();
  useAppEffects();
  const projectId = useNavigation((s) => s.projectId);
  const dialog = useShell((s) => s.dialog);
  const closeDialog = useShell((s) => s.closeDialog);
  const openDialog = useShell((s) => s.openDialog);

  return (
    <div className="app">
      <ConnectionBanner />
      <div className="app-content">{projectId ? <ProjectView key={projectId} projectId={projectId} /> : <Dashboard />}</div>
      <Toaster />
      <PreferencesDialog open={dialog === 'preferences'} onClose={closeDialog} />
      <ShortcutsDialog open={dialog === 'shortcuts'} onClose={closeDialog} />
      <JobsIndicator onOpen={() => openDialog('jobs')} />
      <JobsDialog open={dialog === 'jobs'} onClose={closeDialog} />
      <Onboarding />
      <AiSettingsDialog />
      <SyncPanel />
    </div>
  );
}
