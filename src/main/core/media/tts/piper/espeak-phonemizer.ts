import { spawn } from 'node:child_process';
import { AppError, ErrorCode } from '../../../../../shared/ipc/errors';

/** One sentence as Piper phonemes (one Unicode code point each, punctuation included). */
export type PhonemeSentence = string[];

export interface EspeakPhonemizer {
  /** Text → sentences of IPA phonemes in espeak-ng's `voice` (the voice config's `espeak.voice`). */
  phonemize(text: string, voice: string, signal?: AbortSignal): Promise<PhonemeSentence[]>;
}

/** espeak-ng's language-switch marks, e.g. `(fr)` before a French word: Piper drops them too. */
const LANGUAGE_SWITCH = /\([a-z]{2,3}(?:-[a-z0-9]+)*\)/gi;
/** A clause ends at punctuation followed by a space or the end (so "3.5" and "e.g" do not). */
const CLAUSE_END = /([.!?;:,]+)["'”’)\]]*(?=\s|$)/g;

/**
 * Reads espeak-ng's `--ipa` output as Piper's phonemizer would. espeak-ng prints one clause per
 * line and drops the clause's punctuation; Piper keeps it (the voices were trained with it:
 * "," and ";" bring a pause, "?" a rising end), so the punctuation is taken back from the text
 * when its clause count matches espeak-ng's line count — which it does for ordinary prose — and
 * otherwise each line is joined as a plain clause. A clause ending in `.`, `!` or `?` ends a
 * sentence; Piper speaks each sentence with its own BOS/EOS.
 */
export function clausesToSentences(text: string, ipa: string): PhonemeSentence[] {
  const lines = ipa
    .replace(LANGUAGE_SWITCH, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const marks = [...text.matchAll(CLAUSE_END)].map((match) => lastMark(match[1] ?? ''));
  const paired = marks.length === lines.length;
  const sentences: PhonemeSentence[] = [];
  let current: string[] = [];
  lines.forEach((line, index) => {
    const mark = paired ? (marks[index] ?? '') : '';
    if (current.length > 0) current.push(' ');
    current.push(...Array.from(line.normalize('NFC')));
    if (mark !== '') current.push(mark);
    if (mark === '.' || mark === '!' || mark === '?') {
      sentences.push(current);
      current = [];
    }
  });
  if (current.length > 0) sentences.push(current);
  return sentences;
}

/** "?!" → "!", "..." → ".": the mark that decides how the clause ends. */
function lastMark(marks: string): string {
  return marks.slice(-1);
}

/** Piper's phonemizer over the espeak-ng binary (`espeak-ng -q --ipa`), text on stdin. */
export function createEspeakPhonemizer(binary = 'espeak-ng'): EspeakPhonemizer {
  return {
    phonemize(text, voice, signal) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(cancelled());
        // -b 1: UTF-8 input; stdin so text starting with "-" is never an option.
        const child = spawn(binary, ['-q', '--ipa', '-b', '1', '-v', voice], { stdio: ['pipe', 'pipe', 'pipe'] });
        const out: Buffer[] = [];
        let stderr = '';
        const onAbort = () => child.kill('SIGKILL');
        signal?.addEventListener('abort', onAbort, { once: true });
        child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
        child.stdin.on('error', () => undefined);
        child.on('error', (cause) => {
          signal?.removeEventListener('abort', onAbort);
          reject(new AppError(ErrorCode.PROVIDER_UNREACHABLE, `Piper needs espeak-ng to read text, and it could not be started (${binary}). Install the espeak-ng package.`, { cause }));
        });
        child.on('close', (code) => {
          signal?.removeEventListener('abort', onAbort);
          if (signal?.aborted) return reject(cancelled());
          if (code !== 0) {
            return reject(new AppError(ErrorCode.PROVIDER_FAILED, `espeak-ng could not read text for Piper in “${voice}”: ${stderr.trim() || `exit code ${code}`}`));
          }
          resolve(clausesToSentences(text, Buffer.concat(out).toString('utf8')));
        });
        child.stdin.end(text);
      });
    },
  };
}

const cancelled = () => new AppError(ErrorCode.CANCELLED, 'Speech synthesis was stopped.');
