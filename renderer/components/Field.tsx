import { useId, type ReactElement, cloneElement, type ReactNode } from 'react';

/**
 * A labelled form control: the label points at the control by id (not by wrapping it), so the
 * accessible name is the label alone — a wrapping <label> around a <select> would also read out
 * every option. Hint and error are tied to the control with aria-describedby.
 */
export function Field({ label, hint, error, children, inline }: { label: ReactNode; hint?: ReactNode; error?: string | null; inline?: boolean; children: ReactElement<Record<string, unknown>> }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errId = error ? `${id}-err` : undefined;
  const describedBy = [hintId, errId].filter(Boolean).join(' ') || undefined;
  const control = cloneElement(children, { id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined });
  if (inline) {
    return (
      <div className="field inline">
        {control}
        <label htmlFor={id}>{label}</label>
      </div>
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control}
      {hint ? <span id={hintId} className="muted hint">{hint}</span> : null}
      {error ? <span id={errId} className="field-error" data-testid="field-error">{error}</span> : null}
    </div>
  );
}
