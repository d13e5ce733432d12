import { describe, expect, it } from 'vitest';
import { clausesToSentences } from './espeak-phonemizer';
import { floatToPcm16 } from './pcm-convert';
import { phonemesToIds, speakerIdFor, splitVoiceId } from './piper-voice-config';

const MAP = { _: [0], '^': [1], $: [2], ' ': [3], ',': [8], '.': [10], '?': [13], h: [20], a: [14], ɪ: [74], ˈ: [120] };

describe('Piper phonemes → ids', () => {
  it('wraps a sentence in BOS/EOS with the pad after BOS and after every phoneme', () => {
    expect(phonemesToIds(['h', 'ˈ', 'a', 'ɪ', '.'], { phoneme_id_map: MAP, phoneme_map: {} })).toEqual({ ids: [1, 0, 20, 0, 120, 0, 14, 0, 74, 0, 10, 0, 2], missing: [] });
  });

  it('skips phonemes the voice has no id for, and applies the voice’s phoneme map first', () => {
    expect(phonemesToIds(['h', 'ʔ', 'a'], { phoneme_id_map: MAP, phoneme_map: { a: ['a', 'ɪ'] } })).toEqual({ ids: [1, 0, 20, 0, 14, 0, 74, 0, 2], missing: ['ʔ'] });
  });

  it('finds the speaker of a multi-speaker voice by name or number; none for a single speaker', () => {
    const multi = { num_speakers: 3, speaker_id_map: { alice: 0, bob: 2 } };
    expect(speakerIdFor(multi, null)).toBe(0);
    expect(speakerIdFor(multi, 'bob')).toBe(2);
    expect(speakerIdFor(multi, '1')).toBe(1);
    expect(speakerIdFor(multi, '3')).toBeNull();
    expect(speakerIdFor(multi, 'carol')).toBeNull();
    expect(speakerIdFor({ num_speakers: 1, speaker_id_map: {} }, 'bob')).toBeNull();
    expect(splitVoiceId('en_US-libritts-high#p123')).toEqual({ key: 'en_US-libritts-high', speaker: 'p123' });
    expect(splitVoiceId('en_US-lessac-medium')).toEqual({ key: 'en_US-lessac-medium', speaker: null });
  });
});

describe('espeak-ng clauses → Piper sentences', () => {
  it('appends the clause punctuation as Piper does (", " ": " "; " with a space) and splits sentences at . ! ?', () => {
    const text = 'Hello, world: well; yes. How are you?';
    const ipa = 'həlˈoʊ\nwˈɜːld\nwˈɛl\njˈɛs\nhˌaʊ ɑːɹ juː\n';
    expect(clausesToSentences(text, ipa).map((s) => s.join(''))).toEqual(['həlˈoʊ, wˈɜːld: wˈɛl; jˈɛs.', 'hˌaʊ ɑːɹ juː?']);
  });

  it('adds no mark after a closing quote (Piper reads the clause’s last character), reads "3.5" on, and drops language flags', () => {
    const text = 'He said "no." Then 3.5 apples (fine)!';
    const ipa = 'hiː sˈɛd nˈoʊ\nðˈɛn θɹˈiː pɔɪnt fˈaɪv ˈæpəlz (fr)fˈaɪn(en)\n';
    expect(clausesToSentences(text, ipa).map((s) => s.join(''))).toEqual(['hiː sˈɛd nˈoʊðˈɛn θɹˈiː pɔɪnt fˈaɪv ˈæpəlz fˈaɪn!']);
  });

  it('joins clauses with a space and no marks when the counts disagree, rather than misplace them', () => {
    expect(clausesToSentences('One, two', 'wˈʌn tˈuː\n').map((s) => s.join(''))).toEqual(['wˈʌn tˈuː']);
    expect(clausesToSentences('One, two', 'wˈʌn\ntˈuː\n').map((s) => s.join(''))).toEqual(['wˈʌn, tˈuː']);
    // Dashes and ellipses end a clause with no mark; a quote after a comma hides the comma.
    expect(clausesToSentences('one — two… three, “four,” five', 'wˈʌn\ntˈuː\nθɹˈiː\nfˈɔːɹ\nfˈaɪv\n').map((s) => s.join(''))).toEqual(['wˈʌntˈuːθɹˈiː, fˈɔːɹfˈaɪv']);
    // espeak-ng ends a clause at "Dr." as Piper does, so the marks pair up.
    expect(clausesToSentences('Dr. Smith, hi', 'dˈɑːktɚ\nsmˈɪθ\nhˈaɪ\n').map((s) => s.join(''))).toEqual(['dˈɑːktɚ.', 'smˈɪθ, hˈaɪ']);
    expect(clausesToSentences('', '')).toEqual([]);
  });

  it('splits phonemes into code points, decomposed as Piper’s id maps expect', () => {
    expect(clausesToSentences('Hi.', 'hˈaɪ\n')).toEqual([['h', 'ˈ', 'a', 'ɪ', '.']]);
    expect(clausesToSentences('licht!', 'lˈɪçt\n')).toEqual([['l', 'ˈ', 'ɪ', 'c', '\u0327', 't', '!']]);
  });
});

describe('float audio → 16-bit PCM', () => {
  it('scales as it is, turning down only audio that would clip, across all sentences at once', () => {
    expect([...floatToPcm16([Float32Array.from([0, 0.5, -0.5]), Float32Array.from([1])])]).toEqual([0, 16384, -16383, 32767]);
    expect([...floatToPcm16([Float32Array.from([2, -1])])]).toEqual([32767, -16383]);
  });
});
