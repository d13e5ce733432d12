// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PdfOptionsFields, resolvedPageSize, type PdfOptionsFieldsProps } from './PdfOptionsFields';

afterEach(cleanup);

function renderFields(props: Partial<PdfOptionsFieldsProps> = {}) {
  const handlers = { onStyle: vi.fn(), onPageSize: vi.fn(), onOpenSettings: vi.fn() };
  const view = render(<PdfOptionsFields style="manuscript" pageSize={null} language="en" hasAuthor={false} {...handlers} {...props} />);
  return { ...handlers, view };
}

const paperOptions = (): string[] => Array.from((screen.getByLabelText('Paper') as HTMLSelectElement).options).map((option) => option.value);

describe('PdfOptionsFields', () => {
  it('offers Letter and A4 for a manuscript, with the language’s usual paper chosen', () => {
    renderFields({ language: 'fr' });
    expect(paperOptions()).toEqual(['letter', 'a4']);
    expect((screen.getByLabelText('Paper') as HTMLSelectElement).value).toBe('a4');
    expect(screen.getByRole('option', { name: /A4.*usual for this language/ })).toBeTruthy();
  });

  it('offers book sizes for a book and reports the chosen style and paper', () => {
    const { onStyle, onPageSize } = renderFields({ style: 'book', language: 'en-US' });
    expect(paperOptions()).toEqual(['trade', 'a5', 'letter', 'a4']);
    expect((screen.getByLabelText('Paper') as HTMLSelectElement).value).toBe('trade');
    fireEvent.change(screen.getByLabelText('Paper'), { target: { value: 'a5' } });
    expect(onPageSize).toHaveBeenCalledWith('a5');
    fireEvent.click(screen.getByRole('radio', { name: /^Standard manuscript/ }));
    expect(onStyle).toHaveBeenCalledWith('manuscript');
  });

  it('says when a manuscript would print without an author, and opens the settings', () => {
    const { onOpenSettings } = renderFields();
    fireEvent.click(screen.getByRole('button', { name: 'Add it in Project settings' }));
    expect(onOpenSettings).toHaveBeenCalledTimes(1);
    cleanup();
    renderFields({ hasAuthor: true });
    expect(screen.queryByTestId('export-pdf-no-author')).toBeNull();
    cleanup();
    renderFields({ style: 'book' });
    expect(screen.queryByTestId('export-pdf-no-author')).toBeNull();
  });
});

describe('resolvedPageSize', () => {
  it('keeps a choice that suits the style and falls back to the usual paper otherwise', () => {
    expect(resolvedPageSize('manuscript', 'letter', 'de')).toBe('letter');
    expect(resolvedPageSize('manuscript', 'trade', 'de')).toBe('a4');
    expect(resolvedPageSize('book', null, 'en-CA')).toBe('trade');
    expect(resolvedPageSize('book', null, 'es')).toBe('a5');
  });
});
