import { BookOpen, Download, FileText, FileType, Printer } from 'lucide-react';
import { useEffect, useState, type JSX, type ReactNode } from 'react';
import type { ExportFormat, PageSize, PdfStyle } from '../../../../shared/models/export';
import type { ChapterWithScenes } from '../../../../shared/models/manuscript';
import { useApi, useStores } from '../../app/services';
import { errorMessage } from '../../lib/api';
import { Button, Dialog, formatCount, notify, Spinner } from '../../ui';
import { useEditorSession } from '../editor';
import { downloadFile, formatBytes } from './download';
import { PdfOptionsFields, resolvedPageSize } from './PdfOptionsFields';
import './ExportDialog.css';

export interface ExportDialogProps {
  projectId: string;
  open: boolean;
  onClose: () => void;
}

const FORMATS: readonly { id: ExportFormat; label: string; extension: string; hint: string; icon: ReactNode }[] = [
  { id: 'docx', label: 'Word', extension: '.docx', hint: 'For editors, agents and print. Opens in Word, Pages and LibreOffice.', icon: <FileType size={20} /> },
  { id: 'pdf', label: 'PDF', extension: '.pdf', hint: 'Standard manuscript format for agents and editors, or a book to print and read.', icon: <Printer size={20} /> },
  { id: 'epub', label: 'EPUB', extension: '.epub', hint: 'An e-book for readers, phones and e-ink devices.', icon: <BookOpen size={20} /> },
  { id: 'markdown', label: 'Markdown', extension: '.md', hint: 'Plain text with light formatting marks, for any other tool.', icon: <FileText size={20} /> },
];

/** Exports the manuscript (or some chapters) as Word, PDF, EPUB or Markdown and downloads the file. */
export function ExportDialog({ projectId, open, onClose }: ExportDialogProps): JSX.Element {
  // Mounting the form only while open resets it for every export.
  return <>{open && <ExportForm projectId={projectId} onClose={onClose} />}</>;
}

type Chapters = { phase: 'loading' } | { phase: 'error'; message: string } | { phase: 'ready'; chapters: ChapterWithScenes[] };

function ExportForm({ projectId, onClose }: { projectId: string; onClose: () => void }): JSX.Element {
  const api = useApi();
  const { useProject } = useStores();
  const [format, setFormat] = useState<ExportFormat>('docx');
  const [pdfStyle, setPdfStyle] = useState<PdfStyle>('manuscript');
  // null: the usual paper for the style and the project's language.
  const [pageSize, setPageSize] = useState<PageSize | null>(null);
  const project = useProject((s) => (s.project?.id === projectId ? s.project : null));
  const language = project?.language ?? 'en';
  const [whole, setWhole] = useState(true);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [chapters, setChapters] = useState<Chapters>({ phase: 'loading' });
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    api.call('outline.get', { projectId }).then(
      (outline) => {
        if (cancelled) return;
        setChapters({ phase: 'ready', chapters: outline.chapters });
        setSelected(new Set(outline.chapters.map((chapter) => chapter.id)));
      },
      (error: unknown) => !cancelled && setChapters({ phase: 'error', message: errorMessage(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, projectId]);

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const list = chapters.phase === 'ready' ? chapters.chapters : [];
  const chapterIds = list.filter((chapter) => selected.has(chapter.id)).map((chapter) => chapter.id);
  const nothingChosen = !whole && chapterIds.length === 0;

  const run = async () => {
    if (nothingChosen || running) return;
    setRunning(true);
    setFailure(null);
    try {
      // Export what is on screen, including words typed a moment ago.
      await useEditorSession.getState().flush();
      const pdf = format === 'pdf' ? { pdf: { style: pdfStyle, pageSize: resolvedPageSize(pdfStyle, pageSize, language) } } : {};
      const file = await api.call('export.run', { projectId, format, ...(whole ? {} : { chapterIds }), ...pdf });
      downloadFile(file);
      notify.success(`${file.fileName} (${formatBytes(file.byteLength)}) is in your downloads.`, { title: 'Exported' });
      if (file.notice) notify.info(file.notice, { title: 'Some characters could not be printed' });
      onClose();
    } catch (error) {
      setFailure(errorMessage(error));
      setRunning(false);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      closeOnBackdrop={!running}
      title="Export the manuscript"
      description="Chapter titles become headings; scene breaks and basic formatting are kept."
      onSubmit={() => void run()}
      data-testid="export-dialog"
      footer={
        <>
          <Button onClick={onClose} disabled={running}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" icon={<Download size={15} />} busy={running} disabled={nothingChosen} data-testid="export-run">
            {running ? 'Exporting…' : 'Export'}
          </Button>
        </>
      }
    >
      <div className="export-form">
        <fieldset className="ui-fieldset">
          <legend className="ui-field__label">Format</legend>
          <div className="export-formats" role="radiogroup" aria-label="Format">
            {FORMATS.map((option) => (
              <label key={option.id} className={`export-format${format === option.id ? ' is-active' : ''}`} data-testid={`export-format-${option.id}`}>
                <input type="radio" name="export-format" value={option.id} checked={format === option.id} onChange={() => setFormat(option.id)} />
                <span className="export-format__icon" aria-hidden="true">
                  {option.icon}
                </span>
                <span className="export-format__text">
                  <span className="export-format__name">
                    {option.label} <span className="export-format__ext">{option.extension}</span>
                  </span>
                  <span className="export-format__hint">{option.hint}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {format === 'pdf' && (
          <PdfOptionsFields
            style={pdfStyle}
            pageSize={pageSize}
            language={language}
            hasAuthor={Boolean(project?.author)}
            onStyle={setPdfStyle}
            onPageSize={setPageSize}
            onOpenSettings={() => useProject.getState().openDialog('settings')}
          />
        )}
        <fieldset className="ui-fieldset">
          <legend className="ui-field__label">Content</legend>
          <label className="export-choice">
            <input type="radio" name="export-scope" checked={whole} onChange={() => setWhole(true)} data-testid="export-scope-all" />
            The whole manuscript
          </label>
          <label className="export-choice">
            <input type="radio" name="export-scope" checked={!whole} onChange={() => setWhole(false)} data-testid="export-scope-chapters" />
            Selected chapters
          </label>
          {!whole && <ChapterPicker chapters={chapters} selected={selected} onToggle={toggle} onSelectAll={(all) => setSelected(new Set(all ? list.map((c) => c.id) : []))} />}
        </fieldset>
        {failure && (
          <p className="export-form__failure" role="alert" data-testid="export-error">
            {failure}
          </p>
        )}
      </div>
    </Dialog>
  );
}

interface ChapterPickerProps {
  chapters: Chapters;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onSelectAll: (all: boolean) => void;
}

function ChapterPicker({ chapters, selected, onToggle, onSelectAll }: ChapterPickerProps): JSX.Element {
  if (chapters.phase === 'loading') return <Spinner label="Loading chapters…" />;
  if (chapters.phase === 'error') return <p className="export-form__failure">{chapters.message}</p>;
  if (chapters.chapters.length === 0) return <p className="export-chapters__none">This manuscript has no chapters yet.</p>;
  const allChosen = chapters.chapters.every((chapter) => selected.has(chapter.id));
  return (
    <div className="export-chapters">
      <div className="export-chapters__head">
        <span>{formatCount(selected.size, 'chapter')} chosen</span>
        <button type="button" className="ui-link-button" onClick={() => onSelectAll(!allChosen)}>
          {allChosen ? 'Select none' : 'Select all'}
        </button>
      </div>
      <ul className="export-chapters__list">
        {chapters.chapters.map((chapter, index) => (
          <li key={chapter.id}>
            <label className="export-chapter" data-testid="export-chapter">
              <input type="checkbox" checked={selected.has(chapter.id)} onChange={() => onToggle(chapter.id)} />
              <span className="export-chapter__number">{index + 1}</span>
              <span className="export-chapter__title">{chapter.title}</span>
              <span className="export-chapter__words">{formatCount(chapter.scenes.reduce((sum, scene) => sum + scene.wordCount, 0), 'word')}</span>
            </label>
          </li>
        ))}
      </ul>
    </div>
  );
}
