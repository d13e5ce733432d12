import { useState } from 'react';
import { useStores } from '../../app/services';
import { Button, Dialog } from '../../ui';
import { ProjectFields } from '../project/ProjectFields';
import { draftFrom, draftToInput, validateDraft, type ProjectDraftErrors } from '../project/project-draft';
import { useNavigation } from '../project/navigation.store';
import { interfaceLanguage } from '../project/publishing-draft';

export interface CreateProjectDialogProps {
  open: boolean;
  onClose: () => void;
}

/** Asks for a title (and optionally more), creates the project and opens it. */
export function CreateProjectDialog({ open, onClose }: CreateProjectDialogProps) {
  if (!open) return null;
  return <CreateProjectForm onClose={onClose} />;
}

function CreateProjectForm({ onClose }: { onClose: () => void }) {
  const { useDashboard } = useStores();
  const create = useDashboard((state) => state.create);
  const openProject = useNavigation((state) => state.openProject);
  const [draft, setDraft] = useState(draftFrom);
  const [errors, setErrors] = useState<ProjectDraftErrors>({});
  const [busy, setBusy] = useState(false);
  const dirty = draft.title.trim() !== '' || draft.description.trim() !== '';

  const submit = async () => {
    const found = validateDraft(draft);
    setErrors(found);
    if (Object.keys(found).length > 0 || busy) return;
    setBusy(true);
    // A new project is in the language the app runs in until the writer says otherwise.
    const project = await create({ ...draftToInput(draft), language: interfaceLanguage() });
    setBusy(false);
    if (!project) return;
    onClose();
    openProject(project.id);
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title="New project"
      description="You can change all of this later in the project’s settings."
      onSubmit={() => void submit()}
      closeOnBackdrop={!dirty}
      data-testid="create-project-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={busy} data-testid="create-project-submit">
            Create project
          </Button>
        </>
      }
    >
      <ProjectFields draft={draft} onChange={setDraft} errors={errors} />
    </Dialog>
  );
}
