import { describe, expect, it } from 'vitest';
import { bookIdentifier, uuidV5 } from './book-identifier';

const projectId = '0190a5a2-7b1c-7cde-8f00-000000000001';

describe('bookIdentifier', () => {
  it('is the project id for the whole manuscript', () => {
    expect(bookIdentifier(projectId)).toBe(`urn:uuid:${projectId}`);
    expect(bookIdentifier(projectId.toUpperCase())).toBe(`urn:uuid:${projectId}`);
  });

  it('names a set of chapters, whatever order they were chosen in', () => {
    const a = '0190a5a2-7b1c-7cde-8f00-00000000000a';
    const b = '0190a5a2-7b1c-7cde-8f00-00000000000b';
    expect(bookIdentifier(projectId, [a, b])).toBe(bookIdentifier(projectId, [b, a]));
    expect(bookIdentifier(projectId, [a])).not.toBe(bookIdentifier(projectId, [a, b]));
    expect(bookIdentifier(projectId, [a])).not.toBe(bookIdentifier('0190a5a2-7b1c-7cde-8f00-000000000002', [a]));
  });
});

describe('uuidV5', () => {
  it('matches the RFC 9562 test vector', () => {
    // RFC 9562 appendix A.4: "www.example.com" in the DNS namespace.
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});
