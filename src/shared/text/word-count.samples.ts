/**
 * Texts with the word counts {@link countWords} must give, one per rule it follows. Shared by
 * the core's unit test and the end-to-end test that types them into the editor, so the browser
 * and Node are held to the same figures.
 */
export interface WordCountSample {
  name: string;
  text: string;
  words: number;
}

export const WORD_COUNT_SAMPLES: readonly WordCountSample[] = [
  { name: 'English with punctuation', text: 'The keeper climbed the stairs. Night fell, and nobody came!', words: 10 },
  { name: 'French elisions', text: "L'homme qu’on attendait aujourd'hui n'est pas venu.", words: 7 },
  { name: 'German', text: 'Die Straße über dem Fluß war naß und größer.', words: 9 },
  { name: 'Russian', text: 'Привет, мир! Ёлка стоит в углу.', words: 6 },
  { name: 'Chinese, one word per ideograph', text: '东京是日本的首都。', words: 8 },
  { name: 'Japanese kana and kanji', text: 'コーヒーを飲む', words: 7 },
  { name: 'Korean words between spaces', text: '한국어 문장입니다.', words: 2 },
  { name: 'Mixed scripts in one line', text: 'Anna said 你好 to Борис.', words: 6 },
  { name: 'Emoji are not words', text: 'Good 😀 news 👩‍💻 🇫🇷 today', words: 3 },
  { name: 'Numbers', text: 'In 1999 it cost $3.50, or 1,000,000 lira, at 10:30.', words: 10 },
  { name: 'Hyphenated words', text: 'A well-known, twenty-one-year-old sister-in-law.', words: 4 },
  { name: 'Em and en dashes separate', text: 'She waited—and waited – for 1990–2000.', words: 7 },
  { name: 'Dotted abbreviations', text: 'e.g. the U.S.A. team', words: 4 },
  { name: 'Stray punctuation and quotes', text: '“Why?” … she asked — ‘no’ — "never"… (yes)', words: 6 },
  { name: 'Accents written with combining marks', text: 'cafe\u0301 nai\u0308ve', words: 2 },
  { name: 'Arabic', text: 'مرحبا بالعالم', words: 2 },
  { name: 'Hindi with vowel signs', text: 'हिन्दी भाषा', words: 2 },
  { name: 'Persian with a zero-width non-joiner', text: 'می‌خواهم بروم', words: 2 },
  { name: 'Whitespace only', text: ' \n\t\u00a0 ', words: 0 },
];
