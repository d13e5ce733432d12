import { useEffect } from 'react';
import { useStores } from '../../app/services';
import { isSetupComplete, useAiSettings, useLlmStatusSync } from '../ai-settings';
import { OnboardingDialog } from './OnboardingDialog';
import { shouldShowOnboarding } from './onboarding-visibility';
import { useOnboarding } from './onboarding.store';

/**
 * Mount once in the app. At start, opens the setup guide when setup is incomplete (unless the
 * writer chose "Set up later"); {@link useOnboarding}'s openGuide opens it on demand.
 */
export function Onboarding() {
  const { useLlmStatus } = useStores();
  useLlmStatusSync();
  const status = useLlmStatus((s) => s.status);
  const settingsOpen = useAiSettings((s) => s.open);
  const open = useOnboarding((s) => s.open);
  const complete = status ? isSetupComplete(status) : null;

  useEffect(() => {
    if (complete !== null) useOnboarding.getState().checkAtStart(complete);
  }, [complete]);

  return shouldShowOnboarding({ open, settingsOpen }) ? <OnboardingDialog status={status} /> : null;
}
