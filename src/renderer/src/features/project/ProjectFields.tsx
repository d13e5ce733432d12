import { useId } from 'react';
import { ProjectStatus } from '../../../../shared/models/project';
import { Select, TextArea, TextField } from '../../ui';
import { STATUS_LABELS, type ProjectDraft, type ProjectDraftErrors } from './project-draft';
import './project-dialogs.css';

export interface ProjectFieldsProps {
  draft: ProjectDraft;
  onChange: (draft: ProjectDraft) => void;
  /** Errors to show (pass {} until the user has tried to submit). */
  errors: ProjectDraftErrors;
}

const GENRES = ['Fantasy', 'Science fiction', 'Mystery', 'Thriller', 'Romance', 'Literary fiction', 'Historical fiction', 'Horror', 'Young adult', 'Non-fiction', 'Memoir'];
const TONES = ['Hopeful', 'Dark', 'Whimsical', 'Tense', 'Melancholic', 'Humorous', 'Lyrical', 'Gritty'];
const STATUS_OPTIONS = Object.values(ProjectStatus).map((value) => ({ value, label: STATUS_LABELS[value] }));

/** The fields of a project, shared by the create dialog and the project settings dialog. */
export function ProjectFields({ draft, onChange, errors }: ProjectFieldsProps) {
  const genreList = useId();
  const toneList = useId();
  const set = <K extends keyof ProjectDraft>(key: K, value: ProjectDraft[K]) => onChange({ ...draft, [key]: value });
  return (
    <>
      <TextField
        label="Title"
        value={draft.title}
        onChange={(e) => set('title', e.target.value)}
        error={errors.title}
        placeholder="The Lighthouse Keeper"
        maxLength={300}
        required
        data-testid="project-title-input"
      />
      <TextArea
        label="Description"
        value={draft.description}
        onChange={(e) => set('description', e.target.value)}
        placeholder="A sentence or two about the story (optional)"
        rows={3}
        data-testid="project-description-input"
      />
      <div className="ui-dialog-row">
        <TextField label="Genre" value={draft.genre} onChange={(e) => set('genre', e.target.value)} list={genreList} placeholder="Fantasy" data-testid="project-genre-input" />
        <TextField label="Tone" value={draft.tone} onChange={(e) => set('tone', e.target.value)} list={toneList} placeholder="Hopeful" data-testid="project-tone-input" />
      </div>
      <div className="ui-dialog-row">
        <Select label="Status" value={draft.status} options={STATUS_OPTIONS} onChange={(value) => set('status', value)} data-testid="project-status-select" />
        <TextField
          label="Word goal"
          inputMode="numeric"
          value={draft.wordGoal}
          onChange={(e) => set('wordGoal', e.target.value)}
          error={errors.wordGoal}
          hint="A novel is often 70,000–100,000 words."
          data-testid="project-goal-input"
        />
      </div>
      <datalist id={genreList}>
        {GENRES.map((genre) => (
          <option key={genre} value={genre} />
        ))}
      </datalist>
      <datalist id={toneList}>
        {TONES.map((tone) => (
          <option key={tone} value={tone} />
        ))}
      </datalist>
    </>
  );
}
