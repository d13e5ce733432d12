import { AlertTriangle, Check, CloudOff, CloudUpload, Lock } from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useStores } from '../../app/services';
import { Spinner, StatusPill } from '../../ui';
import { useSyncPanel } from './sync-panel.store';
import { summarizeSync, type SyncTone } from './sync-status-summary';
import './sync.css';

/** Re-renders every `ms` so "synced 5 minutes ago" stays true while the window sits open. */
export function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** Keeps the sync status current while the calling component is shown. */
export function useSyncStatus() {
  const { useSync } = useStores();
  useEffect(() => useSync.getState().retain(), [useSync]);
  return useSync((s) => s.status);
}

const ICONS: Record<SyncTone, ReactNode> = {
  quiet: <CloudUpload size={14} aria-hidden="true" />,
  ok: <Check size={14} aria-hidden="true" />,
  busy: <Spinner size={13} />,
  warn: <CloudOff size={14} aria-hidden="true" />,
  danger: <AlertTriangle size={14} aria-hidden="true" />,
};

/**
 * Sync in the status bar: synced (and when), syncing (how far), offline (what waits), a problem
 * (what happened), or a quiet "Set up backup & sync". Hover or focus tells more; a click opens
 * the sync panel. Follows `sync.changed` live.
 */
export function SyncStatusIndicator() {
  const status = useSyncStatus();
  const { useSync } = useStores();
  const loadError = useSync((s) => s.loadError);
  const openPanel = useSyncPanel((s) => s.openPanel);
  const now = useNow(30_000);
  const open = () => openPanel('overview');
  const pill = { hint: 'Click to open Backup & sync.', className: 'sync-status', testId: 'sync-status', onClick: open };
  if (!status) {
    if (!loadError) return null;
    return <StatusPill {...pill} tone="warn" label="Sync status unknown" detail={loadError.message} icon={ICONS.warn} />;
  }
  const summary = summarizeSync(status, now);
  const icon = status.phase === 'needs-keys' ? <Lock size={14} aria-hidden="true" /> : ICONS[summary.tone];
  return <StatusPill {...pill} tone={summary.tone} label={summary.label} detail={summary.detail} icon={icon} data={{ 'data-phase': status.phase }} />;
}
