import { useState } from 'react';
import type { Prefs, Theme } from '../../../../shared/models/app';
import { useStores } from '../../app/services';
import { Button, Dialog, Select, TextField } from '../../ui';
import { AiSettingsLink } from '../ai-settings';
import { SyncLink } from '../sync';
import './settings.css';

export interface PreferencesDialogProps {
  open: boolean;
  onClose: () => void;
}

const THEMES = [
  { value: 'system', label: 'Match the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
] as const satisfies readonly { value: Theme; label: string }[];

/** Theme, session word goal and editor font size. */
export function PreferencesDialog({ open, onClose }: PreferencesDialogProps) {
  if (!open) return null;
  return <PreferencesForm onClose={onClose} />;
}

function PreferencesForm({ onClose }: { onClose: () => void }) {
  const { usePrefs } = useStores();
  const prefs = usePrefs((state) => state.prefs);
  const update = usePrefs((state) => state.update);
  const [theme, setTheme] = useState<Theme>(prefs.theme);
  const [sessionGoal, setSessionGoal] = useState(String(prefs.sessionGoal));
  const [fontSize, setFontSize] = useState(prefs.editorFontSize);

  const goal = Number(sessionGoal);
  const goalError = sessionGoal.trim() === '' || !Number.isInteger(goal) || goal < 0 || goal > 100_000 ? 'Enter a whole number from 0 to 100,000.' : null;

  const save = () => {
    if (goalError) return;
    const patch: Partial<Prefs> = { theme, sessionGoal: goal, editorFontSize: fontSize };
    void update(patch);
    onClose();
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title="Preferences"
      onSubmit={save}
      data-testid="preferences-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={goalError !== null} data-testid="preferences-save">
            Save
          </Button>
        </>
      }
    >
      <Select label="Theme" value={theme} options={THEMES} onChange={setTheme} data-testid="prefs-theme" />
      <TextField
        label="Daily goal (words)"
        type="number"
        inputMode="numeric"
        min={0}
        max={100_000}
        value={sessionGoal}
        onChange={(event) => setSessionGoal(event.target.value)}
        error={goalError}
        hint="How many words you mean to write in a project each day. 0 turns the daily goal off."
        data-testid="prefs-session-goal"
      />
      <div className="settings-range">
        <TextField
          label={`Editor text size: ${fontSize}px`}
          type="range"
          min={12}
          max={32}
          step={1}
          value={fontSize}
          onChange={(event) => setFontSize(Number(event.target.value))}
          data-testid="prefs-font-size"
        />
        <p className="settings-sample" style={{ fontSize }}>
          It was a bright cold day in April, and the clocks were striking thirteen.
        </p>
      </div>
      <AiSettingsLink onOpen={onClose} />
      <SyncLink onOpen={onClose} />
    </Dialog>
  );
}
