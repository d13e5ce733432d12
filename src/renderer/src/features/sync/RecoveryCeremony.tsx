import { Copy, Printer, ShieldCheck } from 'lucide-react';
import { useState } from 'react';
import { createPortal } from 'react-dom';
import type { RecoveryKeyCeremony } from '../../../../shared/models/sync';
import { useStores } from '../../app/services';
import { Button, Form, notify, TextField } from '../../ui';
import { copyText } from '../chat/clipboard';
import { ProblemNote } from './ProblemNote';
import type { SyncProblemView } from './sync-errors';

/** A group as typed back: case and spaces or dashes do not matter. */
export function normalizeGroup(value: string): string {
  return value.replace(/[\s-]+/g, '').toUpperCase();
}

/** An answer in the group's own letter case (the core may compare exactly); spaces and dashes dropped. */
export function canonicalAnswer(answer: string, group: string): string {
  const bare = answer.replace(/[\s-]+/g, '');
  return group === group.toLowerCase() ? bare.toLowerCase() : bare.toUpperCase();
}

/** The challenged groups typed back wrongly (1-based numbers for the writer), before the core is asked. */
export function wrongGroups(ceremony: RecoveryKeyCeremony, answers: readonly string[]): number[] {
  return ceremony.challenge.filter((index, i) => normalizeGroup(answers[i] ?? '') !== normalizeGroup(ceremony.groups[index] ?? '')).map((index) => index + 1);
}

/** "Group 3 does not match", "Groups 2 and 7 do not match". */
export function mismatchSentence(numbers: readonly number[]): string {
  if (numbers.length === 1) return `Group ${numbers[0]} does not match the key shown.`;
  return `Groups ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]} do not match the key shown.`;
}

/**
 * The recovery key, shown once: large, grouped, numbered; Print and Copy; "I have written it
 * down"; then the challenged groups typed back. There is no way past it but the right answers.
 */
export function RecoveryCeremony({ ceremony }: { ceremony: RecoveryKeyCeremony }) {
  const [step, setStep] = useState<'show' | 'check'>('show');
  return step === 'show' ? <ShowKey ceremony={ceremony} onNext={() => setStep('check')} /> : <CheckKey ceremony={ceremony} />;
}

function KeyGroups({ groups }: { groups: readonly string[] }) {
  return (
    <ol className="sync-recovery-key" aria-label="Recovery key" data-testid="sync-recovery-key">
      {groups.map((group, index) => (
        <li key={index}>
          <span className="sync-recovery-key__n" aria-hidden="true">
            {index + 1}
          </span>
          <span className="sync-recovery-key__group" aria-label={`Group ${index + 1}: ${[...group].join(' ')}`}>
            {group}
          </span>
        </li>
      ))}
    </ol>
  );
}

function ShowKey({ ceremony, onNext }: { ceremony: RecoveryKeyCeremony; onNext: () => void }) {
  const [written, setWritten] = useState(false);
  const [printing, setPrinting] = useState(false);
  const text = ceremony.groups.join('-');

  const print = () => {
    setPrinting(true);
    // The sheet is mounted, printed, then taken away: only it shows on paper (sync.css, @media print).
    requestAnimationFrame(() => {
      window.print();
      setPrinting(false);
    });
  };

  return (
    <section className="sync-section" aria-labelledby="sync-recovery-title" data-testid="sync-recovery-show">
      <h3 id="sync-recovery-title">Your recovery key</h3>
      <p className="sync-muted">
        If you forget your passphrase, this key is the only way back into your encrypted writing. It is shown this once. Print it or write it down, and
        keep it somewhere safe away from this computer.
      </p>
      <KeyGroups groups={ceremony.groups} />
      <div className="sync-row">
        <Button icon={<Printer size={15} />} onClick={print} data-testid="sync-recovery-print">
          Print
        </Button>
        <Button
          icon={<Copy size={15} />}
          onClick={() =>
            void copyText(text).then(
              () => notify.success('Recovery key copied. Paste it somewhere safe, then clear it from the clipboard.'),
              () => notify.error('The clipboard is not available here. Write the key down or print it.', { title: 'Could not copy' }),
            )
          }
          data-testid="sync-recovery-copy"
        >
          Copy
        </Button>
      </div>
      <label className="sync-check">
        <input type="checkbox" checked={written} onChange={(event) => setWritten(event.target.checked)} data-testid="sync-recovery-written" />
        I have written it down or printed it, and put it somewhere safe.
      </label>
      <div className="sync-row">
        <Button variant="primary" disabled={!written} onClick={onNext} data-testid="sync-recovery-next">
          Continue
        </Button>
        {!written && <span className="sync-muted">Tick the box once the key is safe.</span>}
      </div>
      {printing &&
        createPortal(
          <div className="sync-print-sheet">
            <h1>Nova Studio recovery key</h1>
            <p>Keep this sheet safe. With it, anyone can open your encrypted writing; without it and your passphrase, nobody can.</p>
            <KeyGroups groups={ceremony.groups} />
          </div>,
          document.body,
        )}
    </section>
  );
}

function CheckKey({ ceremony }: { ceremony: RecoveryKeyCeremony }) {
  const { useSync } = useStores();
  const [answers, setAnswers] = useState<string[]>(() => ceremony.challenge.map(() => ''));
  const [wrong, setWrong] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<SyncProblemView | null>(null);

  const submit = async () => {
    const mistakes = wrongGroups(ceremony, answers);
    setWrong(mistakes);
    setProblem(null);
    if (mistakes.length > 0) return;
    setBusy(true);
    setProblem(await useSync.getState().confirmKeys(ceremony.challenge.map((index, i) => canonicalAnswer(answers[i] ?? '', ceremony.groups[index] ?? ''))));
    setBusy(false);
  };

  return (
    <section className="sync-section" aria-labelledby="sync-check-title" data-testid="sync-recovery-check">
      <h3 id="sync-check-title">Check your copy</h3>
      <p className="sync-muted">Type these groups from your written or printed copy (not from memory), to be sure the key you kept is right.</p>
      <Form className="sync-form" onSubmit={submit} noValidate>
        <div className="sync-challenge">
          {ceremony.challenge.map((index, i) => (
            <TextField
              key={index}
              label={`Group ${index + 1}`}
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="characters"
              value={answers[i] ?? ''}
              onChange={(event) => setAnswers((a) => a.map((v, j) => (j === i ? event.target.value : v)))}
              error={wrong.includes(index + 1) ? 'Does not match.' : null}
              data-testid={`sync-challenge-${index + 1}`}
            />
          ))}
        </div>
        {wrong.length > 0 && (
          <p className="sync-note sync-note--warn" role="alert" data-testid="sync-challenge-wrong">
            {mismatchSentence(wrong)} Look at your copy again: if it differs, your copy has a mistake — choose “Start over” to get a new key and write it
            down afresh.
          </p>
        )}
        <ProblemNote problem={problem} coreWords />
        <div className="sync-row">
          <Button type="submit" variant="primary" busy={busy} icon={<ShieldCheck size={15} />} data-testid="sync-recovery-confirm">
            Confirm and turn on sync
          </Button>
          <Button variant="ghost" onClick={() => useSync.getState().discardCeremony()} data-testid="sync-recovery-restart">
            Start over
          </Button>
        </div>
      </Form>
    </section>
  );
}
