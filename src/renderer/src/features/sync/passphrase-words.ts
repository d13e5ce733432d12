import type { TranslationKeys } from '@zxcvbn-ts/core';

/**
 * zxcvbn's warnings, suggestions and crack-time phrases in the app's words: about a passphrase
 * (several words) rather than a website password, and saying what to do. Keys are zxcvbn's.
 */
export const PASSPHRASE_WORDS: TranslationKeys = {
  warnings: {
    straightRow: 'Straight rows of keys, like “asdfgh”, are among the first guesses.',
    keyPattern: 'Short keyboard patterns are easy to guess.',
    simpleRepeat: 'Repeated characters like “aaa” are easy to guess.',
    extendedRepeat: 'Repeated patterns like “abcabcabc” are easy to guess.',
    sequences: 'Sequences like “abc” or “1234” are easy to guess.',
    recentYears: 'Recent years are easy to guess.',
    dates: 'Dates are easy to guess.',
    topTen: 'This is one of the ten most-used passwords.',
    topHundred: 'This is one of the hundred most-used passwords.',
    common: 'This is a commonly used password.',
    similarToCommon: 'This is close to a commonly used password.',
    wordByItself: 'A single word is easy to guess.',
    namesByThemselves: 'Names on their own are easy to guess.',
    commonNames: 'Common names are easy to guess.',
    userInputs: 'It contains your email address or this device’s name, which an attacker would try first.',
    pwned: 'This passphrase has appeared in a data breach.',
  },
  suggestions: {
    l33t: 'Swapping letters for look-alikes (“@” for “a”) does not fool an attacker.',
    reverseWords: 'Words spelled backwards are guessed too.',
    allUppercase: 'Capitals throughout add little: add a word instead.',
    capitalization: 'A capital first letter adds little: add a word instead.',
    dates: 'Leave out dates and years linked to you.',
    recentYears: 'Leave out recent years.',
    associatedYears: 'Leave out years linked to you.',
    sequences: 'Leave out sequences like “abc” or “1234”.',
    repeated: 'Leave out repeated words and characters.',
    longerKeyboardPattern: 'Keyboard patterns are guessed early: use words instead.',
    anotherWord: 'Add another unusual word.',
    useWords: 'Use several unrelated words, not a well-known phrase.',
    noNeed: 'Symbols, digits and capitals are not needed: unusual words are enough.',
    pwned: 'If you use it anywhere else, change it there too.',
  },
  timeEstimation: {
    ltSecond: 'less than a second',
    second: '{base} second',
    seconds: '{base} seconds',
    minute: '{base} minute',
    minutes: '{base} minutes',
    hour: '{base} hour',
    hours: '{base} hours',
    day: '{base} day',
    days: '{base} days',
    month: '{base} month',
    months: '{base} months',
    year: '{base} year',
    years: '{base} years',
    centuries: 'centuries',
  },
};
