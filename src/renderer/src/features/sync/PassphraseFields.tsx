import { useId, useMemo } from 'react';
import { syncPassphraseSchema } from '../../../../shared/models/sync';
import { TextField } from '../../ui';
import { estimatePassphrase, MIN_ACCEPTED_SCORE, type PassphraseStrength } from './passphrase-strength';

/** The schema's minimum length, read from it so the form and the core never disagree. */
export const PASSPHRASE_MIN = syncPassphraseSchema.minLength ?? 12;

export interface PassphraseFieldsProps {
  value: string;
  confirm: string;
  onChange: (value: string) => void;
  onConfirmChange: (value: string) => void;
  /** Things an attacker knows (email, device name): using them weakens the passphrase. */
  personal?: readonly string[];
  /** Show the confirm field's mismatch (after a submit attempt or once it is as long as the passphrase). */
  showErrors: boolean;
  label?: string;
  testIdPrefix?: string;
}

/** Why a new passphrase cannot be used yet, or null when it can. */
export function passphraseProblem(value: string, confirm: string, strength: PassphraseStrength): string | null {
  if (value.length < PASSPHRASE_MIN) return `Use at least ${PASSPHRASE_MIN} characters.`;
  if (strength.score < MIN_ACCEPTED_SCORE) return 'This passphrase is too easy to guess. Follow the tips under it.';
  if (confirm !== value) return 'The two passphrases differ. Type the same passphrase twice.';
  return null;
}

/** Hook form of the estimate, memoised on the inputs. */
export function usePassphraseStrength(value: string, personal: readonly string[] = []): PassphraseStrength {
  const key = personal.join('\n');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `personal` (a new array each render).
  return useMemo(() => estimatePassphrase(value, personal), [value, key]);
}

/**
 * A new passphrase, its strength with what to change, and a confirm field. The meter is a simple
 * local estimate (labelled so); the minimum length comes from the contract's schema.
 */
export function PassphraseFields({ value, confirm, onChange, onConfirmChange, personal = [], showErrors, label = 'Passphrase', testIdPrefix = 'sync-passphrase' }: PassphraseFieldsProps) {
  const strength = usePassphraseStrength(value, personal);
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
      <StrengthMeter id={meterId} strength={strength} empty={value.length === 0} />
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

/** Five segments and a word, with what to change; announced politely as the writer types. */
export function StrengthMeter({ id, strength, empty }: { id: string; strength: PassphraseStrength; empty: boolean }) {
  return (
    <div className="sync-meter" id={id} data-score={empty ? undefined : strength.score} data-testid="sync-strength">
      <div
        className="sync-meter__bar"
        role="meter"
        aria-label="Passphrase strength (simple estimate)"
        aria-valuemin={0}
        aria-valuemax={4}
        aria-valuenow={empty ? 0 : strength.score}
        aria-valuetext={empty ? 'No passphrase yet' : strength.label}
      >
        {[0, 1, 2, 3, 4].map((segment) => (
          <span key={segment} className={`sync-meter__seg${!empty && segment <= strength.score ? ' is-on' : ''}`} />
        ))}
      </div>
      <div className="sync-meter__label" aria-live="polite">
        <span data-testid="sync-strength-label">{empty ? 'Strength' : `Strength: ${strength.label}`}</span>
        <span>Simple estimate</span>
      </div>
      {!empty && strength.feedback.length > 0 && (
        <ul className="sync-meter__tips" data-testid="sync-strength-tips">
          {strength.feedback.map((tip) => (
            <li key={tip}>{tip}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
