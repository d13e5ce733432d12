import { Archive, ArchiveRestore, Trash2 } from 'lucide-react';
import { useState } from 'react';
import type { ProjectSummary } from '../../../../shared/models/project';
import { useStores } from '../../app/services';
import { Button, Dialog } from '../../ui';
import { useNavigation } from './navigation.store';
import { draftFrom, draftToInput, validateDraft, type ProjectDraftErrors } from './project-draft';
import { ProjectFields } from './ProjectFields';
import { publishingDraftFrom, publishingToInput, validatePublishing, type PublishingDraft, type PublishingDraftErrors } from './publishing-draft';
import { PublishingFields } from './PublishingFields';

/**
 * The open project's settings: title, description, genre, tone, status, word goal; author,
 * language, contact and running head for exports; archive; trash.
 */
export function ProjectSettingsDialog() {
  const { useProject } = useStores();
  const open = useProject((s) => s.dialog === 'settings');
  const project = useProject((s) => s.project);
  const close = useProject((s) => s.closeDialog);
  if (!open || !project) return null;
  return <SettingsForm key={project.id} project={project} onClose={close} />;
}

function SettingsForm({ project, onClose }: { project: ProjectSummary; onClose: () => void }) {
  const { useDashboard, useProject } = useStores();
  const update = useProject((s) => s.update);
  const [draft, setDraft] = useState(() => draftFrom(project));
  const [publishing, setPublishing] = useState(() => publishingDraftFrom(project));
  const [errors, setErrors] = useState<ProjectDraftErrors>({});
  const [publishingErrors, setPublishingErrors] = useState<PublishingDraftErrors>({});
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const found = validateDraft(draft);
    const foundPublishing = validatePublishing(publishing);
    setErrors(found);
    setPublishingErrors(foundPublishing);
    if (Object.keys(found).length > 0 || Object.keys(foundPublishing).length > 0 || busy) return;
    setBusy(true);
    const ok = await update({ ...draftToInput(draft), ...publishingToInput(publishing) });
    setBusy(false);
    if (ok) onClose();
  };

  // Once a save has shown errors, they follow the typing, so a fixed field stops saying it is wrong.
  const changePublishing = (next: PublishingDraft) => {
    setPublishing(next);
    if (Object.keys(publishingErrors).length > 0) setPublishingErrors(validatePublishing(next));
  };

  const archive = async () => {
    if (await update({ archived: !project.archived })) onClose();
  };

  const moveToTrash = () => {
    onClose();
    useNavigation.getState().closeProject();
    void useDashboard.getState().remove(project);
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title="Project settings"
      onSubmit={() => void save()}
      closeOnBackdrop={false}
      data-testid="project-settings-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={busy} data-testid="project-settings-save">
            Save
          </Button>
        </>
      }
    >
      <ProjectFields draft={draft} onChange={setDraft} errors={errors} />
      <PublishingFields draft={publishing} title={draft.title} onChange={changePublishing} errors={publishingErrors} />
      <div className="project-dialog-danger">
        <span>{project.archived ? 'This project is archived.' : 'Archive a finished project to tidy your dashboard.'}</span>
        <div className="project-dialog-danger__actions">
          <Button size="sm" icon={project.archived ? <ArchiveRestore size={14} /> : <Archive size={14} />} onClick={() => void archive()} data-testid="project-settings-archive">
            {project.archived ? 'Unarchive' : 'Archive'}
          </Button>
          <Button size="sm" variant="ghost" icon={<Trash2 size={14} />} className="project-dialog-trash" onClick={moveToTrash} data-testid="project-settings-delete">
            Move to trash
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
