export { ExportDialog } from './ExportDialog';
export type { ExportDialogProps } from './ExportDialog';
export { downloadText } from './download';
