import { forwardRef, useId, useMemo, useState } from 'react';
import { fold } from '../../../shared/coding';

export interface Option {
  id: string;
  label: string;
  color?: string;
}

/**
 * Several-of-many picker for the keyboard: type to filter, Enter adds the first match and hands
 * focus back (onDone), Backspace in the empty box removes the last chip. Enter in an empty box
 * is passed on (onEmptyEnter: save).
 */
export const TypeAhead = forwardRef<HTMLInputElement, {
  label: string;
  options: readonly Option[];
  value: readonly string[];
  onChange: (ids: string[]) => void;
  onDone: () => void;
  onEmptyEnter: () => void;
  testId: string;
}>(function TypeAhead({ label, options, value, onChange, onDone, onEmptyEnter, testId }, ref) {
  const [q, setQ] = useState('');
  const listId = useId();
  const byId = useMemo(() => new Map(options.map((o) => [o.id, o])), [options]);
  const matches = useMemo(() => {
    const f = fold(q.trim());
    return f ? options.filter((o) => !value.includes(o.id) && fold(o.label).includes(f)).slice(0, 8) : [];
  }, [q, options, value]);
  return (
    <div className="typeahead" data-testid={testId}>
      <label className="field">
        {label}
        <input
          ref={ref}
          value={q}
          role="combobox"
          aria-expanded={matches.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
              e.preventDefault();
              e.stopPropagation();
              const first = matches[0];
              if (first) {
                onChange([...value, first.id]);
                setQ('');
                onDone();
              } else if (!q.trim()) onEmptyEnter();
            } else if (e.key === 'Backspace' && !q && value.length > 0) {
              onChange(value.slice(0, -1));
            }
          }}
        />
      </label>
      {matches.length > 0 ? (
        <ul id={listId} role="listbox" className="typeahead-list">
          {matches.map((m, i) => (
            <li key={m.id} role="option" aria-selected={i === 0} onMouseDown={(e) => { e.preventDefault(); onChange([...value, m.id]); setQ(''); }}>
              {m.color ? <span className="swatch" style={{ background: m.color }} aria-hidden="true" /> : null}
              {m.label}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="chips">
        {value.map((id) => (
          <span key={id} className="chip">
            {byId.get(id)?.color ? <span className="swatch" style={{ background: byId.get(id)?.color }} aria-hidden="true" /> : null}
            {byId.get(id)?.label ?? id}
            <button type="button" className="ghost chip-x" aria-label={`× ${byId.get(id)?.label ?? id}`} onClick={() => onChange(value.filter((v) => v !== id))}>×</button>
          </span>
        ))}
      </div>
    </div>
  );
});
