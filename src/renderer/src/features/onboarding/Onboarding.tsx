import { useEffect } from 'react';
import { useLlmStatus, useLlmStatusSync } from '../ai-settings';
import { OnboardingDialog } from './OnboardingDialog';
import { shouldShowOnboarding } from './onboarding-visibility';
import { useOnboarding } from './onboarding.store';

/** Mount once in the app: shows the setup guide when no model can run (see {@link shouldShowOnboarding}). */
export function Onboarding() {
  useLlmStatusSync();
  const status = useLlmStatus((s) => s.status);
  const { dismissed, closed, shown, requested } = useOnboarding();
  const visible = shouldShowOnboarding({ readyCount: status ? status.readyTaskClasses.length : null, dismissed, closed, shown, requested });

  useEffect(() => {
    if (visible && !shown) useOnboarding.getState().markShown();
  }, [visible, shown]);

  return visible ? <OnboardingDialog status={status} /> : null;
}
