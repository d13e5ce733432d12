import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { syncPassphraseSchema } from '../../../../shared/models/sync';
import { useStores } from '../../app/services';
import { Button, TextField } from '../../ui';
import { loadPassphraseEstimator, MIN_ACCEPTED_SCORE, peekPassphraseEstimator, STRENGTH_LABELS, type PassphraseEstimator, type PassphraseStrength } from './passphrase-strength';

/** The schema's minimum length, read from it so the form and the core never disagree. */
export const PASSPHRASE_MIN = syncPassphraseSchema.minLength ?? 12;

const UNAVAILABLE = 'The strength check could not be loaded, so this passphrase cannot be checked yet. Choose Try again under the meter.';

export interface PassphraseFieldsProps {
  value: string;
  confirm: string;
  onChange: (value: string) => void;
  onConfirmChange: (value: string) => void;
  /** The estimate of `value` (from {@link usePassphraseStrength}, which the form also uses to gate). */
  strength: StrengthView;
  /** Show the confirm field's mismatch (after a submit attempt or once it is as long as the passphrase). */
  showErrors: boolean;
  label?: string;
  testIdPrefix?: string;
}

/** The estimate as a form sees it: not loaded yet (null), loaded, or unavailable with a retry. */
export interface StrengthView {
  strength: PassphraseStrength | null;
  unavailable: boolean;
  retry: () => void;
}

/** Why a new passphrase cannot be used yet, or null when it can (null strength: not estimated yet). */
export function passphraseProblem(value: string, confirm: string, strength: PassphraseStrength | null, unavailable = false): string | null {
  if (value.length < PASSPHRASE_MIN) return `Use at least ${PASSPHRASE_MIN} characters.`;
  if (!strength) return unavailable ? UNAVAILABLE : 'Checking the passphrase’s strength…';
  if (strength.score < MIN_ACCEPTED_SCORE) return `This passphrase is too easy to guess: it needs to be ${STRENGTH_LABELS[MIN_ACCEPTED_SCORE]}. Follow the tips under it.`;
  if (confirm !== value) return 'The two passphrases differ. Type the same passphrase twice.';
  return null;
}

/**
 * The problem with a new passphrase, for a submit: waits for the estimator if it is still loading
 * (a quick Continue is checked, not refused), and says so if it cannot load.
 */
export async function checkNewPassphrase(value: string, confirm: string, personal: readonly string[]): Promise<string | null> {
  if (value.length < PASSPHRASE_MIN) return passphraseProblem(value, confirm, null);
  try {
    const estimate = await loadPassphraseEstimator();
    return passphraseProblem(value, confirm, estimate(value, personal));
  } catch {
    return UNAVAILABLE;
  }
}

/** Hook form of the estimate, memoised on the inputs; starts loading the estimator on mount. */
export function usePassphraseStrength(value: string, personal: readonly string[] = []): StrengthView {
  const [estimate, setEstimate] = useState<PassphraseEstimator | null>(peekPassphraseEstimator);
  const [unavailable, setUnavailable] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (estimate) return;
    let live = true;
    loadPassphraseEstimator().then(
      (loaded) => live && setEstimate(() => loaded),
      () => live && setUnavailable(true),
    );
    return () => {
      live = false;
    };
  }, [estimate, attempt]);
  const retry = useCallback(() => (setUnavailable(false), setAttempt((n) => n + 1)), []);
  const key = personal.join('\n');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `personal` (a new array each render).
  const strength = useMemo(() => (estimate && value ? estimate(value, personal) : null), [estimate, value, key]);
  return { strength, unavailable, retry };
}

/**
 * A form's new passphrase: the two fields' state, the estimate (the account's email and device
 * name count as cheap guesses), why it cannot be used yet, and the submit-time check.
 */
export function useNewPassphrase() {
  const { useSync } = useStores();
  const account = useSync((s) => s.status?.account ?? null);
  const [value, setValue] = useState('');
  const [confirm, setConfirm] = useState('');
  const personal = account ? [account.email, account.deviceName] : [];
  const strength = usePassphraseStrength(value, personal);
  return {
    value,
    blocked: passphraseProblem(value, confirm, strength.strength, strength.unavailable),
    /** For a submit: waits for the estimator, so a quick Continue is checked, not refused. */
    check: () => checkNewPassphrase(value, confirm, personal),
    fields: { value, confirm, onChange: setValue, onConfirmChange: setConfirm, strength },
  };
}

/** Why the new passphrase cannot be used yet, once the writer has tried to submit. */
export function PassphraseBlockedNote({ text, testId }: { text: string | null; testId?: string }) {
  if (!text) return null;
  return (
    <p className="sync-note sync-note--warn" role="alert" data-testid={testId}>
      {text}
    </p>
  );
}

/**
 * A new passphrase, its strength with what to change, and a confirm field. The minimum length
 * comes from the contract's schema.
 */
export function PassphraseFields({ value, confirm, onChange, onConfirmChange, strength, showErrors, label = 'Passphrase', testIdPrefix = 'sync-passphrase' }: PassphraseFieldsProps) {
  const meterId = useId();
  const fieldId = useId();
  const mismatch = confirm.length > 0 && confirm !== value && (showErrors || confirm.length >= value.length) ? 'The two passphrases differ.' : null;
  const tooShort = showErrors && value.length < PASSPHRASE_MIN ? `Use at least ${PASSPHRASE_MIN} characters.` : null;
  return (
    <>
      <TextField
        id={fieldId}
        label={label}
        type="password"
        autoComplete="new-password"
        spellCheck={false}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        error={tooShort}
        hint={`At least ${PASSPHRASE_MIN} characters. Several unrelated words are easy to remember and hard to guess.`}
        aria-describedby={`${fieldId}-msg ${meterId}`}
        data-testid={`${testIdPrefix}`}
      />
      <StrengthMeter id={meterId} view={strength} empty={value.length === 0} />
      <TextField
        label={`Type the ${label.toLowerCase()} again`}
        type="password"
        autoComplete="new-password"
        spellCheck={false}
        value={confirm}
        onChange={(event) => onConfirmChange(event.target.value)}
        error={mismatch}
        data-testid={`${testIdPrefix}-confirm`}
      />
    </>
  );
}

function meterText(view: StrengthView, empty: boolean): string {
  if (empty) return 'No passphrase yet';
  if (view.strength) return view.strength.label;
  return view.unavailable ? 'Not checked' : 'Checking…';
}

/** Five segments and a word, the time to guess it, and what to change; announced politely as the writer types. */
export function StrengthMeter({ id, view, empty }: { id: string; view: StrengthView; empty: boolean }) {
  const strength = empty ? null : view.strength;
  const text = meterText(view, empty);
  return (
    <div className="sync-meter" id={id} data-score={strength?.score} data-testid="sync-strength">
      <div className="sync-meter__bar" role="meter" aria-label="Passphrase strength" aria-valuemin={0} aria-valuemax={4} aria-valuenow={strength?.score ?? 0} aria-valuetext={text}>
        {[0, 1, 2, 3, 4].map((segment) => (
          <span key={segment} className={`sync-meter__seg${strength && segment <= strength.score ? ' is-on' : ''}`} />
        ))}
      </div>
      <div className="sync-meter__label" aria-live="polite">
        <span data-testid="sync-strength-label">{empty ? 'Strength' : `Strength: ${text}`}</span>
        {strength && (
          <span className="sync-meter__time" data-testid="sync-strength-time">
            {strength.crackTime}
          </span>
        )}
      </div>
      {!empty && view.unavailable && (
        <p className="sync-meter__tips" role="alert">
          The strength check could not be loaded.{' '}
          <Button size="sm" onClick={view.retry} data-testid="sync-strength-retry">
            Try again
          </Button>
        </p>
      )}
      {strength && (strength.warning || strength.suggestions.length > 0) && (
        <ul className="sync-meter__tips" data-testid="sync-strength-tips">
          {strength.warning && <li className="sync-meter__warning">{strength.warning}</li>}
          {strength.suggestions.map((tip) => (
            <li key={tip}>{tip}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
