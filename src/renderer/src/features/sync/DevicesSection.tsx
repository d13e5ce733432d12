import { Laptop, Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { SyncDevice } from '../../../../shared/models/sync';
import { useStores } from '../../app/services';
import { Button, ConfirmDialog, formatDateTime, formatRelativeTime, notify, Spinner } from '../../ui';
import { ProblemNote } from './ProblemNote';
import type { SyncProblemView } from './sync-errors';

/** The devices signed in to the account; this one marked; others can be signed out (revoked). */
export function DevicesSection() {
  const { useSyncAccount } = useStores();
  const devices = useSyncAccount((s) => s.devices);
  const [revoking, setRevoking] = useState<SyncDevice | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<SyncProblemView | null>(null);

  useEffect(() => {
    void useSyncAccount.getState().loadDevices();
  }, [useSyncAccount]);

  const revoke = async (device: SyncDevice) => {
    setBusy(true);
    const outcome = await useSyncAccount.getState().revokeDevice(device.id);
    setBusy(false);
    setRevoking(null);
    setProblem(outcome);
    if (!outcome) notify.success(`“${device.name}” is signed out of your sync account.`);
  };

  return (
    <section className="sync-section" aria-labelledby="sync-devices-title" data-testid="sync-devices">
      <h3 id="sync-devices-title">Devices</h3>
      <p className="sync-muted">Computers signed in to this account. Sign out one you no longer use or have lost: it stops syncing at once.</p>
      <ProblemNote problem={devices.error} onFix={() => void useSyncAccount.getState().loadDevices()} offers={['retry']} />
      <ProblemNote problem={problem} data-testid="sync-revoke-problem" />
      {devices.items === null ? (
        !devices.error && <Spinner label="Reading your devices…" />
      ) : (
        <ul className="sync-list" aria-label="Devices">
          {devices.items.map((device) => (
            <li key={device.id} className="sync-item" aria-label={device.current ? `${device.name} (this device)` : device.name} data-testid="sync-device">
              <Laptop size={18} aria-hidden="true" />
              <div className="sync-item__main">
                <span className="sync-item__title">
                  {device.name} {device.current && <span className="ui-badge sync-badge--current">This device</span>}
                </span>
                <span className="sync-item__meta">
                  Added {formatDateTime(device.createdAt)}
                  {device.lastSeenAt !== null && ` · last seen ${formatRelativeTime(device.lastSeenAt)}`}
                </span>
              </div>
              {!device.current && (
                <Button size="sm" variant="ghost" icon={<Trash2 size={14} />} onClick={() => setRevoking(device)} aria-label={`Sign out ${device.name}`} data-testid="sync-device-revoke">
                  Sign out
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={`Sign out “${revoking?.name ?? ''}”?`}
        message={
          <p>
            That device stops syncing now and needs the account password and your passphrase to come back. What is already on it stays there. If it was lost
            or stolen, change your passphrase too.
          </p>
        }
        confirmLabel="Sign out device"
        danger
        busy={busy}
        onConfirm={() => revoking && void revoke(revoking)}
        onCancel={() => setRevoking(null)}
      />
    </section>
  );
}
