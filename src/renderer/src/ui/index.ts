/**
 * Small UI primitives shared by every feature. Style with the tokens in theme.css only.
 * Test ids: Dialog close button `dialog-close`; ConfirmDialog `confirm-accept` / `confirm-cancel`;
 * toasts `toast-info|success|error`, their action button `toast-action` unless the action sets one.
 */
export { Button, IconButton } from './Button';
export type { ButtonProps, ButtonVariant, IconButtonProps } from './Button';
export { ConfirmDialog } from './ConfirmDialog';
export type { ConfirmDialogProps } from './ConfirmDialog';
export { Dialog } from './Dialog';
export type { DialogProps } from './Dialog';
export { DocView } from './DocView';
export type { DocViewProps } from './DocView';
export { EmptyState } from './EmptyState';
export type { EmptyStateProps } from './EmptyState';
export { Form } from './Form';
export type { FormProps } from './Form';
export { formatCompact, formatCount, formatDateTime, formatNumber, formatRelativeTime } from './format';
export { Menu, MenuButton } from './Menu';
export type { MenuButtonProps, MenuItem, MenuProps } from './Menu';
export { PanelSearch } from './PanelSearch';
export type { PanelSearchProps } from './PanelSearch';
export { ProgressBar } from './ProgressBar';
export type { ProgressBarProps } from './ProgressBar';
export { Spinner } from './Spinner';
export type { SpinnerProps } from './Spinner';
export { StatusPill } from './StatusPill';
export type { StatusPillProps } from './StatusPill';
export { StreamNotice, StreamTail } from './Stream';
export type { StreamNoticeProps, StreamTailProps } from './Stream';
export { TabPanel, Tabs } from './Tabs';
export type { TabItem, TabPanelProps, TabsProps } from './Tabs';
export { Select, TextArea, TextField } from './TextField';
export type { SelectOption, SelectProps, TextAreaProps, TextFieldProps } from './TextField';
export { Toaster } from './Toaster';
export { useToastAvoid } from './toast-placement';
export { notify, useToasts } from './toast.store';
export type { Toast, ToastAction, ToastOptions, ToastTone } from './toast.store';
