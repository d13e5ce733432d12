import { ExternalLink } from 'lucide-react';
import { useEffect, useState } from 'react';
import { TIER_QUOTA_BYTES } from '../../../../shared/cloud/tiers';
import type { SyncTier } from '../../../../shared/models/sync';
import { useStores } from '../../app/services';
import { Button, ProgressBar, Spinner } from '../../ui';
import { formatBytes } from '../ai-settings/ai-format';
import { openExternal } from './open-external';
import { ProblemNote } from './ProblemNote';
import type { SyncProblemView } from './sync-errors';
import type { PaidTier } from './sync-account.store';

const TIER_NAMES: Record<SyncTier, string> = { free: 'Free', pro: 'Pro', power: 'Power', team: 'Team' };
const ORDER: readonly SyncTier[] = ['free', 'pro', 'power', 'team'];
const PAID: readonly PaidTier[] = ['pro', 'power', 'team'];

const GIB = 1024 ** 3;

/**
 * Storage in the plan's own units: quotas are whole GiB (5, 25), shown as "5 GB" the way plans are
 * sold; below 1 GiB the decimal size.
 */
export function formatStorage(bytes: number): string {
  if (bytes < GIB) return formatBytes(bytes);
  const gib = bytes / GIB;
  return `${Number.isInteger(gib) || gib >= 100 ? Math.round(gib) : gib.toFixed(1)} GB`;
}

function quotaWords(bytes: number | null): string {
  return bytes === null ? 'Unlimited storage' : `${formatStorage(bytes)} of storage`;
}

/** The plan, storage used against its quota, and Upgrade through a checkout in the browser. */
export function PlanSection() {
  const { useSyncAccount } = useStores();
  const plan = useSyncAccount((s) => s.plan);
  const [pending, setPending] = useState<PaidTier | null>(null);
  const [problem, setProblem] = useState<SyncProblemView | null>(null);
  const [opened, setOpened] = useState<PaidTier | null>(null);

  useEffect(() => {
    void useSyncAccount.getState().loadPlan();
  }, [useSyncAccount]);

  const upgrade = async (tier: PaidTier) => {
    setPending(tier);
    setProblem(null);
    const answer = await useSyncAccount.getState().checkout(tier);
    setPending(null);
    if ('problem' in answer) return setProblem(answer.problem);
    if (openExternal(answer.url)) setOpened(tier);
    else setProblem({ code: 'INVALID_INPUT', title: 'Checkout not opened', message: 'The server answered with an address that is not a web page, so it was not opened.', fix: null, coreMessage: '' });
  };

  const current = plan.items;
  return (
    <section className="sync-section" aria-labelledby="sync-plan-title" data-testid="sync-plan">
      <h3 id="sync-plan-title">Plan and storage</h3>
      <ProblemNote problem={plan.error} onFix={() => void useSyncAccount.getState().loadPlan()} offers={['retry']} />
      {current === null ? (
        !plan.error && <Spinner label="Reading your plan…" />
      ) : (
        <>
          <div className="sync-plan__figures">
            <span data-testid="sync-plan-tier">
              {TIER_NAMES[current.tier]} plan · {quotaWords(current.quotaBytes)}
            </span>
            <span data-testid="sync-plan-usage">{current.quotaBytes === null ? `${formatStorage(current.usedBytes)} used` : `${formatStorage(current.usedBytes)} of ${formatStorage(current.quotaBytes)} used`}</span>
          </div>
          {current.quotaBytes !== null && <ProgressBar value={current.usedBytes} max={current.quotaBytes} label="Storage used" />}
          {current.tier === 'free' && <p className="sync-note sync-note--warn">The free plan stores nothing on the server: backup and sync start once you choose a paid plan.</p>}
          <div className="sync-tiers">
            {PAID.filter((tier) => ORDER.indexOf(tier) > ORDER.indexOf(current.tier)).map((tier) => (
              <div key={tier} className="sync-tier">
                <strong>{TIER_NAMES[tier]}</strong>
                <span className="sync-muted">{quotaWords(TIER_QUOTA_BYTES[tier])}</span>
                <Button size="sm" variant="primary" icon={<ExternalLink size={14} />} busy={pending === tier} onClick={() => void upgrade(tier)} data-testid={`sync-upgrade-${tier}`}>
                  Upgrade to {TIER_NAMES[tier]}
                </Button>
              </div>
            ))}
          </div>
          {opened && (
            <p className="sync-note sync-note--success" role="status" data-testid="sync-checkout-opened">
              The checkout for {TIER_NAMES[opened]} opened in your browser. Once you have paid, choose Check again to see your new plan.{' '}
              <Button size="sm" variant="ghost" onClick={() => void useSyncAccount.getState().loadPlan()}>
                Check again
              </Button>
            </p>
          )}
          <ProblemNote problem={problem} data-testid="sync-checkout-problem" />
        </>
      )}
    </section>
  );
}
