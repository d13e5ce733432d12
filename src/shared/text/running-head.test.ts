import { describe, expect, it } from 'vitest';
import { defaultShortTitle, defaultSurname } from './running-head';

describe('defaultSurname', () => {
  it.each([
    ['Ada Quill', 'Quill'],
    ['Ursula K. Le Guin', 'Le Guin'],
    ['Ludwig van Beethoven', 'van Beethoven'],
    ['Martin Luther King Jr.', 'King'],
    ['Homer', 'Homer'],
    ['  Mary   Shelley  ', 'Shelley'],
    ['Le Corbusier', 'Corbusier'],
    ['Анна Ахматова', 'Ахматова'],
    ['', ''],
  ])('%j → %j', (author, surname) => {
    expect(defaultSurname(author)).toBe(surname);
  });
});

describe('defaultShortTitle', () => {
  it.each([
    ['The Lighthouse', 'The Lighthouse'],
    ['A Short Title of Thirty Chars!', 'A Short Title of Thirty Chars!'],
    ['The Lighthouse Keeper of Ness Point and Other Stories', 'Lighthouse Keeper'],
    ['Harbour Lights: A Novel of the Northern Coast', 'Harbour Lights'],
    ['Supercalifragilisticexpialidocious and everything after', 'Supercalifragilisticexpialidoc'],
    ['The Lighthouse Keeper’s Daughter and the Sea', 'Lighthouse Keeper’s Daughter'],
    ['Harry Potter and the Philosopher’s Stone', 'Harry Potter'],
    ['The Curious Incident of the Dog in the Night-Time', 'Curious Incident'],
    ['Война и мир, или история одной большой семьи', 'Война и мир'],
  ])('%j → %j', (title, short) => {
    expect(defaultShortTitle(title)).toBe(short);
  });
});
