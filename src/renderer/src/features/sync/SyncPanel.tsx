import { CloudUpload, CreditCard, DatabaseBackup, Laptop, RefreshCw } from 'lucide-react';
import type { ReactNode } from 'react';
import type { SyncStatus } from '../../../../shared/models/sync';
import { useStores } from '../../app/services';
import { Button, Dialog, Spinner, TabPanel, Tabs, type TabItem } from '../../ui';
import { AccountForm } from './AccountForm';
import { BackupsSection } from './BackupsSection';
import { DevicesSection } from './DevicesSection';
import { KeysSetup } from './KeysSetup';
import { OverviewSection } from './OverviewSection';
import { PlanSection } from './PlanSection';
import { ProblemNote } from './ProblemNote';
import { useSyncPanel, type SyncSection } from './sync-panel.store';
import { useSyncStatus } from './SyncStatusIndicator';
import { UnlockForm } from './UnlockForm';
import './sync.css';

/** The panel's name, as its title and every message that sends the writer there spell it. */
export const SYNC_PANEL = 'Backup & sync';

const TABS: readonly TabItem<SyncSection>[] = [
  { id: 'overview', label: 'Status', icon: <RefreshCw size={15} />, 'data-testid': 'sync-tab-overview' },
  { id: 'devices', label: 'Devices', icon: <Laptop size={15} />, 'data-testid': 'sync-tab-devices' },
  { id: 'backups', label: 'Backups', icon: <DatabaseBackup size={15} />, 'data-testid': 'sync-tab-backups' },
  { id: 'plan', label: 'Plan', icon: <CreditCard size={15} />, 'data-testid': 'sync-tab-plan' },
];

/**
 * Backup & sync: the account (sign up, sign in), the keys (passphrase, recovery key ceremony,
 * unlock, recover), then status, devices, backups and the plan. Opened from the status bar or
 * Preferences through {@link useSyncPanel}.
 */
export function SyncPanel() {
  const open = useSyncPanel((s) => s.open);
  const close = useSyncPanel((s) => s.close);
  const { useSync } = useStores();
  const inCeremony = useSync((s) => s.ceremony !== null);
  if (!open) return null;
  return (
    <Dialog
      open
      onClose={close}
      title={SYNC_PANEL}
      description="End-to-end encrypted: your writing is locked on this computer before it goes to the server."
      size="lg"
      // A stray click must not lose a recovery key being written down.
      closeOnBackdrop={!inCeremony}
      data-testid="sync-panel"
    >
      <SyncPanelBody />
    </Dialog>
  );
}

function SyncPanelBody() {
  const status = useSyncStatus();
  const { useSync } = useStores();
  const loadError = useSync((s) => s.loadError);
  const inCeremony = useSync((s) => s.ceremony !== null);
  if (!status) {
    if (loadError) return <ProblemNote problem={loadError} onFix={() => void useSync.getState().load()} offers={['retry', 'wait']} />;
    return <Spinner label="Reading where sync stands…" />;
  }
  if (inCeremony) return <KeysSetup />;
  return <PhaseBody status={status} />;
}

function PhaseBody({ status }: { status: SyncStatus }) {
  if (status.phase === 'off') return <SetUp />;
  if (status.phase === 'needs-keys') return status.keysOnServer ? <UnlockForm /> : <KeysSetup />;
  return <SignedIn status={status} />;
}

function SetUp() {
  return (
    <div className="sync-panel">
      <p className="sync-note sync-note--info">
        <CloudUpload size={16} aria-hidden="true" />
        <span>Back up your writing and use it on your other computers. Everything is encrypted here first; the server can read none of it.</span>
      </p>
      <AccountForm />
    </div>
  );
}

const SECTIONS: Record<SyncSection, (status: SyncStatus) => ReactNode> = {
  overview: (status) => <OverviewSection status={status} />,
  devices: () => <DevicesSection />,
  backups: () => <BackupsSection />,
  plan: () => <PlanSection />,
};

function SignedIn({ status }: { status: SyncStatus }) {
  const section = useSyncPanel((s) => s.section);
  const setSection = useSyncPanel((s) => s.setSection);
  return (
    <div className="sync-panel">
      <Tabs tabs={TABS} active={section} onChange={setSection} label={`${SYNC_PANEL} sections`} idPrefix="sync-panel" />
      <TabPanel idPrefix="sync-panel" id={section}>
        {SECTIONS[section](status)}
      </TabPanel>
    </div>
  );
}

/** A row for the Preferences dialog that leads to Backup & sync. */
export function SyncLink({ onOpen }: { onOpen?: () => void }) {
  const openPanel = useSyncPanel((s) => s.openPanel);
  return (
    <div className="ai-settings-link">
      <span className="ai-settings-link__icon" aria-hidden="true">
        <CloudUpload size={16} />
      </span>
      <div className="ai-settings-link__text">
        <strong>Backup and sync</strong>
        <span>Encrypted backups, your other devices, the recovery key and your plan.</span>
      </div>
      <Button
        onClick={() => {
          onOpen?.();
          openPanel('overview');
        }}
        data-testid="open-sync-panel"
      >
        {SYNC_PANEL}…
      </Button>
    </div>
  );
}
