/**
 * A date field in dd.mm.yyyy with a calendar picker, in the UI's language. A native
 * <input type="date"> follows the browser's locale (mm/dd/yyyy in an en-US Chromium) and cannot
 * be localised by the page (issue 22), so this is our own: a text field that reads dd.mm.yyyy
 * (also d.m.yyyy, with / or - between) and a button that opens a month grid (Monday first).
 * The value in and out is ISO yyyy-mm-dd, or '' for none; text that is not a date is passed on
 * as typed so the form's validation can say so.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../app/format';

export interface DateFieldProps {
  value: string;
  onChange: (value: string) => void;
  name?: string;
  id?: string;
  required?: boolean;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  testId?: string;
}

/** dd.mm.yyyy (d.m.yyyy, / or - also) → yyyy-mm-dd; null when it is not a real date. */
export function parseDisplayDate(text: string): string | null {
  const m = /^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const iso = (y: number, m: number, d: number): string => `${y}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const intlLocale = (lang: string): string => (lang === 'en' ? 'en-GB' : lang === 'nn' ? 'nn-NO' : 'nb-NO');

export function DateField(props: DateFieldProps) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState(() => (/^\d{4}-\d{2}-\d{2}$/.test(props.value) ? formatDate(props.value) : props.value));
  const [open, setOpen] = useState(false);
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(props.value) ? props.value : null;
  const today = new Date();
  const [month, setMonth] = useState(() => (parsed ? { y: Number(parsed.slice(0, 4)), m: Number(parsed.slice(5, 7)) - 1 } : { y: today.getFullYear(), m: today.getMonth() }));
  const gridId = useId();
  const wrapRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  // A value set from outside (e.g. the form reset) shows in the text.
  useEffect(() => {
    setText((cur) => {
      const mine = cur.trim() === '' ? '' : (parseDisplayDate(cur) ?? cur);
      if (mine === props.value) return cur;
      return /^\d{4}-\d{2}-\d{2}$/.test(props.value) ? formatDate(props.value) : props.value;
    });
  }, [props.value]);

  useEffect(() => {
    if (!open) return undefined;
    const onDown = (e: MouseEvent): void => {
      if (wrapRef.current && !wrapRef.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const commitText = (v: string): void => {
    setText(v);
    props.onChange(v.trim() === '' ? '' : (parseDisplayDate(v) ?? v.trim()));
  };
  const pick = (value: string): void => {
    setText(formatDate(value));
    props.onChange(value);
    setOpen(false);
    inputRef.current?.focus();
  };
  const toggle = (): void => {
    if (!open && parsed) setMonth({ y: Number(parsed.slice(0, 4)), m: Number(parsed.slice(5, 7)) - 1 });
    setOpen((o) => !o);
  };
  const shift = (by: number): void => setMonth(({ y, m }) => ({ y: y + Math.floor((m + by) / 12), m: (((m + by) % 12) + 12) % 12 }));

  const loc = intlLocale(i18n.language);
  const title = new Intl.DateTimeFormat(loc, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(month.y, month.m, 1)));
  // 2024-01-01 was a Monday: the weekday names from Monday on.
  const weekdays = Array.from({ length: 7 }, (_, i) => new Intl.DateTimeFormat(loc, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + i))));
  const first = (new Date(Date.UTC(month.y, month.m, 1)).getUTCDay() + 6) % 7;
  const days = new Date(Date.UTC(month.y, month.m + 1, 0)).getUTCDate();
  const cells: (number | null)[] = [...Array.from({ length: first }, () => null), ...Array.from({ length: days }, (_, i) => i + 1)];
  while (cells.length % 7 !== 0) cells.push(null);
  const todayIso = iso(today.getFullYear(), today.getMonth(), today.getDate());
  const long = new Intl.DateTimeFormat(loc, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

  const onGridKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      inputRef.current?.focus();
    }
  };

  return (
    <div className="date-field" ref={wrapRef} data-testid={props.testId}>
      <input
        ref={inputRef}
        id={props.id}
        name={props.name}
        value={text}
        inputMode="numeric"
        placeholder={t('common.datePlaceholder')}
        aria-describedby={props['aria-describedby']}
        aria-invalid={props['aria-invalid']}
        required={props.required}
        onChange={(e) => commitText(e.target.value)}
        autoComplete="off"
      />
      <button type="button" className="ghost date-toggle" aria-expanded={open} aria-controls={gridId} aria-label={t('common.pickDate')} onClick={toggle} data-testid="date-toggle">
        {/* Drawn, not an emoji: the machine may have no emoji font. */}
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 18 18" fill="none" stroke="currentColor" strokeWidth="1.6">
          <rect x="2" y="3.5" width="14" height="12" rx="1.5" />
          <path d="M2 7.5h14M6 2v3M12 2v3" />
        </svg>
      </button>
      {open ? (
        <div className="date-pop card" id={gridId} role="dialog" aria-label={t('common.pickDate')} onKeyDown={onGridKey} data-testid="date-picker">
          <div className="date-head">
            <button type="button" className="ghost" onClick={() => shift(-1)} aria-label={t('common.prevMonth')}>‹</button>
            <strong aria-live="polite" data-testid="date-month">{title}</strong>
            <button type="button" className="ghost" onClick={() => shift(1)} aria-label={t('common.nextMonth')}>›</button>
          </div>
          <table className="date-grid" role="grid">
            <thead><tr>{weekdays.map((w) => <th key={w} scope="col">{w}</th>)}</tr></thead>
            <tbody>
              {Array.from({ length: cells.length / 7 }, (_, r) => (
                <tr key={r}>
                  {cells.slice(r * 7, r * 7 + 7).map((d, c) => {
                    if (d === null) return <td key={c} />;
                    const v = iso(month.y, month.m, d);
                    return (
                      <td key={c}>
                        <button
                          type="button"
                          className={v === parsed ? 'selected' : v === todayIso ? 'today' : undefined}
                          aria-pressed={v === parsed}
                          aria-label={long.format(new Date(Date.UTC(month.y, month.m, d)))}
                          onClick={() => pick(v)}
                          data-date={v}
                        >
                          {d}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
