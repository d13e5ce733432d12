import type { ComponentPropsWithoutRef } from 'react';

export interface FormProps extends Omit<ComponentPropsWithoutRef<'form'>, 'onSubmit'> {
  /** Runs on submit (a submit button, or Enter in a field); a returned promise is not awaited. */
  onSubmit: () => unknown;
}

/** A `<form>` that submits to a handler instead of navigating the page. */
export function Form({ onSubmit, ...props }: FormProps) {
  return (
    <form
      {...props}
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    />
  );
}
