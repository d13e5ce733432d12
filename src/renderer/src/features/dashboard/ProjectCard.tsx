import { Archive, ArchiveRestore, BookOpen, Trash2 } from 'lucide-react';
import type { ProjectSummary } from '../../../../shared/models/project';
import { formatCount, formatDateTime, formatNumber, formatRelativeTime, MenuButton, ProgressBar, type MenuItem } from '../../ui';
import { STATUS_LABELS } from '../project/project-draft';

export interface ProjectCardProps {
  project: ProjectSummary;
  onOpen: (project: ProjectSummary) => void;
  onArchive: (project: ProjectSummary, archived: boolean) => void;
  onDelete: (project: ProjectSummary) => void;
}

/** One project on the dashboard: what it is, how far along, when it was last touched. */
export function ProjectCard({ project, onOpen, onArchive, onDelete }: ProjectCardProps) {
  const percent = project.wordGoal > 0 ? Math.floor((project.wordCount / project.wordGoal) * 100) : null;
  const items: MenuItem[] = [
    { id: 'open', label: 'Open', icon: <BookOpen size={15} />, onSelect: () => onOpen(project), 'data-testid': 'project-menu-open' },
    project.archived
      ? { id: 'unarchive', label: 'Unarchive', icon: <ArchiveRestore size={15} />, onSelect: () => onArchive(project, false), 'data-testid': 'project-unarchive' }
      : { id: 'archive', label: 'Archive', icon: <Archive size={15} />, onSelect: () => onArchive(project, true), 'data-testid': 'project-archive' },
    { id: 'delete', label: 'Move to trash', icon: <Trash2 size={15} />, danger: true, separatorBefore: true, onSelect: () => onDelete(project), 'data-testid': 'project-delete' },
  ];
  const meta = [project.genre, project.tone].filter((s) => s.trim() !== '').join(' · ');

  return (
    <article className={`project-card${project.archived ? ' is-archived' : ''}`} data-testid="project-card" data-project-id={project.id}>
      <div className="project-card__top">
        <span className={`project-status project-status--${project.status}`}>{STATUS_LABELS[project.status]}</span>
        <MenuButton label={`Actions for ${project.title}`} items={items} className="project-card__menu" data-testid="project-menu" />
      </div>
      <h3 className="project-card__title">
        <button type="button" className="project-card__open" onClick={() => onOpen(project)} data-testid="project-open">
          {project.title}
        </button>
      </h3>
      {meta && <div className="project-card__meta">{meta}</div>}
      <p className="project-card__description">{project.description || <span className="project-card__placeholder">No description yet.</span>}</p>
      <div className="project-card__progress">
        <div className="project-card__words">
          <strong data-testid="project-word-count">{formatCount(project.wordCount, 'word')}</strong>
          {percent !== null && (
            <span>
              {percent}% of {formatNumber(project.wordGoal)}
            </span>
          )}
        </div>
        <ProgressBar value={project.wordCount} max={project.wordGoal} label={`Progress of ${project.title} toward its word goal`} size="sm" />
      </div>
      <div className="project-card__footer">
        <span>
          {formatCount(project.chapterCount, 'chapter')} · {formatCount(project.sceneCount, 'scene')}
        </span>
        <time dateTime={new Date(project.updatedAt).toISOString()} title={formatDateTime(project.updatedAt)}>
          Edited {formatRelativeTime(project.updatedAt)}
        </time>
      </div>
    </article>
  );
}
