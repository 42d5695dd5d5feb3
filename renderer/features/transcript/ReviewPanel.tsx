/**
 * The anonymisation review: every hit highlighted with its kind and confidence, decided by
 * keyboard (j/k or ↓/↑, a, r, e, A) or mouse, plus spans the reviewer adds. The text under review
 * is React state only: it is never written to the database ("Originalteksten lagres ikke").
 */
import { useEffect, useMemo, useRef, useState, type Dispatch, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/format';
import { LinesView, type LinesHandle, type Mark } from './LinesView';
import { countsByKind, MANUAL_TAGS, type ReviewAction, type ReviewState } from './review';

export interface ReviewPanelProps {
  text: string;
  state: ReviewState;
  dispatch: Dispatch<ReviewAction>;
  reviewers: readonly string[];
  busy: boolean;
  error: string | null;
  onComplete: (reviewer: string) => void;
  onCancel: () => void;
}

const STATUS_GLYPH = { accepted: '✓', rejected: '✗', pending: '?' } as const;

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.closest('input, textarea, select, [contenteditable="true"]') !== null);
}

export function ReviewPanel({ text, state, dispatch, reviewers, busy, error, onComplete, onCancel }: ReviewPanelProps) {
  const { t, i18n } = useTranslation();
  const lines = useRef<LinesHandle>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const [reviewer, setReviewer] = useState(reviewers[0] ?? '');
  const [addTag, setAddTag] = useState<string>('NAVN');
  const [addError, setAddError] = useState<string | null>(null);
  const current = state.hits[state.current] ?? null;
  const counts = useMemo(() => countsByKind(state.hits), [state.hits]);
  const pending = counts.reduce((n, c) => n + c.pending, 0);
  const accepted = counts.reduce((n, c) => n + c.accepted, 0);

  const currentId = current?.id;
  const currentStart = current?.start;
  useEffect(() => {
    if (currentStart !== undefined) lines.current?.scrollToOffset(currentStart);
  }, [currentId, currentStart]);

  useEffect(() => rootRef.current?.focus({ preventScroll: true }), []);

  const marks: Mark[] = useMemo(
    () =>
      state.hits.map((h) => ({
        start: h.start,
        end: h.end,
        key: h.id,
        render: (value: string, from: number) => (
          <mark
            className={`hit status-${h.status}${h.id === current?.id ? ' current' : ''}${h.id === state.editing ? ' editing' : ''}`}
            data-hit-id={h.id}
            data-kind={h.kind}
            onClick={() => dispatch({ type: 'select', id: h.id })}
          >
            <span data-from={from}>{value}</span>
            <span className="hit-tag" aria-hidden="true">
              {STATUS_GLYPH[h.status]} {h.tag} {formatNumber(h.confidence * 100, i18n.language)}
            </span>
          </mark>
        ),
      })),
    [state.hits, state.editing, current?.id, dispatch, i18n.language],
  );

  function addSelection() {
    const range = lines.current?.selectionRange() ?? null;
    if (!range) {
      setAddError(t('transcript.review.selectFirst'));
      return;
    }
    setAddError(null);
    dispatch({ type: 'add', start: range[0], end: range[1], tag: addTag });
    window.getSelection()?.removeAllRanges();
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (state.editing !== null) {
      const edge = e.shiftKey ? 'start' : 'end';
      if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
        // → grows the end / ⇧→ shrinks from the start; ← the other way round.
        const delta = e.key === 'ArrowRight' ? 1 : -1;
        dispatch({ type: 'adjust', edge, delta, textLength: text.length });
        e.preventDefault();
        return;
      }
      if (e.key === 'Enter' || e.key === 'Escape' || e.key === 'e') {
        dispatch({ type: 'edit-done' });
        e.preventDefault();
        return;
      }
    }
    const key = e.key;
    if (key === 'j' || key === 'ArrowDown') dispatch({ type: 'next' });
    else if (key === 'k' || key === 'ArrowUp') dispatch({ type: 'prev' });
    else if (key === 'a') dispatch({ type: 'accept' });
    else if (key === 'r') dispatch({ type: 'reject' });
    else if (key === 'e') dispatch({ type: 'edit' });
    else if (key === 'A' && current) dispatch({ type: 'accept-kind', kind: current.kind });
    else if (key === 'n') addSelection();
    else return;
    e.preventDefault();
  }

  const shortcuts: Array<[string, string]> = [
    ['j / ↓', t('transcript.keys.next')],
    ['k / ↑', t('transcript.keys.prev')],
    ['a', t('transcript.keys.accept')],
    ['r', t('transcript.keys.reject')],
    ['e', t('transcript.keys.edit')],
    ['← → / ⇧← ⇧→', t('transcript.keys.adjust')],
    ['A', t('transcript.keys.acceptKind')],
    ['n', t('transcript.keys.add')],
  ];

  return (
    <div
      ref={rootRef}
      className="tx-review"
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-label={t('transcript.review.title')}
      aria-keyshortcuts="j k a r e A n ArrowDown ArrowUp"
      data-testid="review"
    >
      <div className="notice warn" data-testid="not-stored">
        <strong>{t('transcript.review.notStored')}</strong> {t('transcript.review.notStoredWhy')}
      </div>
      <div className="tx-review-grid">
        <section className="card tx-text-card" aria-labelledby="tx-text-h">
          <h2 id="tx-text-h">{t('transcript.review.text')}</h2>
          <div className="toolbar">
            <label className="field">
              {t('transcript.review.addAs')}
              <select value={addTag} onChange={(e) => setAddTag(e.target.value)} data-testid="add-tag">
                {MANUAL_TAGS.map((k) => (
                  <option key={k} value={k}>{t(`transcript.kinds.${k}`, { defaultValue: k })}</option>
                ))}
              </select>
            </label>
            <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={addSelection} data-testid="add-span">
              {t('transcript.review.addSelection')} <kbd>n</kbd>
            </button>
            {addError ? <span className="field-error" role="alert">{addError}</span> : null}
          </div>
          <LinesView ref={lines} text={text} marks={marks} label={t('transcript.review.text')} testId="review-text" />
        </section>

        <aside className="tx-side">
          <section className="card" aria-labelledby="tx-cur-h" data-testid="current-hit">
            <h2 id="tx-cur-h">
              {t('transcript.review.current')}{' '}
              <span className="muted">{state.hits.length > 0 ? `${state.current + 1} / ${state.hits.length}` : ''}</span>
            </h2>
            {current ? (
              <div aria-live="polite">
                <p className="tx-current-value">
                  <mark className={`hit status-${current.status}`}>{text.slice(current.start, current.end)}</mark>
                </p>
                <dl className="tx-facts">
                  <dt>{t('transcript.review.kind')}</dt>
                  <dd>{t(`transcript.kinds.${current.kind}`, { defaultValue: current.kind })}</dd>
                  <dt>{t('transcript.review.confidence')}</dt>
                  <dd>{formatNumber(current.confidence * 100, i18n.language)} %{current.confidence < 0.6 ? ` (${t('transcript.review.uncertain')})` : ''}</dd>
                  <dt>{t('transcript.review.status')}</dt>
                  <dd data-testid="current-status">{STATUS_GLYPH[current.status]} {t(`transcript.status.${current.status}`)}</dd>
                </dl>
                <label className="field">
                  {t('transcript.review.tag')}
                  <select value={current.tag} onChange={(e) => dispatch({ type: 'set-tag', id: current.id, tag: e.target.value })}>
                    {[...new Set([current.tag, ...MANUAL_TAGS])].map((k) => (
                      <option key={k} value={k}>{k}</option>
                    ))}
                  </select>
                </label>
                <div className="tx-actions">
                  <button type="button" onClick={() => dispatch({ type: 'accept', id: current.id })}>✓ {t('transcript.review.accept')} <kbd>a</kbd></button>
                  <button type="button" onClick={() => dispatch({ type: 'reject', id: current.id })}>✗ {t('transcript.review.reject')} <kbd>r</kbd></button>
                  <button type="button" aria-pressed={state.editing === current.id} onClick={() => dispatch({ type: 'edit', id: current.id })}>
                    {t('transcript.review.edit')} <kbd>e</kbd>
                  </button>
                </div>
                {state.editing === current.id ? <p className="muted" role="status">{t('transcript.review.editHelp')}</p> : null}
              </div>
            ) : (
              <p className="muted">{t('transcript.review.noHits')}</p>
            )}
          </section>

          <section className="card" aria-labelledby="tx-kinds-h">
            <h2 id="tx-kinds-h">{t('transcript.review.byKind')}</h2>
            <table className="data compact-table" data-testid="kind-counts">
              <thead>
                <tr>
                  <th scope="col">{t('transcript.review.kind')}</th>
                  <th scope="col">{t('transcript.review.count')}</th>
                  <th scope="col">✓</th>
                  <th scope="col">?</th>
                  <th scope="col"><span className="sr-only">{t('transcript.review.acceptAll')}</span></th>
                </tr>
              </thead>
              <tbody>
                {counts.map((c) => (
                  <tr key={c.kind} data-kind={c.kind}>
                    <th scope="row">{t(`transcript.kinds.${c.kind}`, { defaultValue: c.kind })}</th>
                    <td>{c.total}</td>
                    <td>{c.accepted}</td>
                    <td>{c.pending}</td>
                    <td>
                      <button type="button" className="compact" onClick={() => dispatch({ type: 'accept-kind', kind: c.kind })} disabled={c.accepted === c.total} aria-label={t('transcript.review.acceptAllOf', { kind: c.kind })}>
                        {t('transcript.review.acceptAll')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section className="card" aria-labelledby="tx-done-h">
            <h2 id="tx-done-h">{t('transcript.review.finish')}</h2>
            <label className="field">
              {t('transcript.review.reviewer')}
              {reviewers.length > 0 ? (
                <select value={reviewer} onChange={(e) => setReviewer(e.target.value)} data-testid="reviewer">
                  {reviewers.map((r) => (
                    <option key={r} value={r}>{r}</option>
                  ))}
                </select>
              ) : (
                <input value={reviewer} onChange={(e) => setReviewer(e.target.value)} maxLength={100} data-testid="reviewer" />
              )}
            </label>
            <p className="muted" data-testid="review-summary">{t('transcript.review.summary', { accepted, pending })}</p>
            {pending > 0 ? <p className="field-error" role="status">{t('transcript.review.pendingLeft', { count: pending })}</p> : null}
            {error ? <div className="notice error" role="alert">{error}</div> : null}
            <div className="tx-actions">
              <button type="button" className="primary" disabled={busy || pending > 0 || reviewer.trim() === ''} onClick={() => onComplete(reviewer.trim())} data-testid="complete-review">
                {t('transcript.review.complete')}
              </button>
              <button type="button" onClick={onCancel}>{t('transcript.review.discard')}</button>
            </div>
          </section>
          <section className="card" aria-labelledby="tx-keys-h">
            <h2 id="tx-keys-h">{t('transcript.keys.title')}</h2>
            <dl className="tx-keys">
              {shortcuts.map(([k, v]) => (
                <div key={k}>
                  <dt><kbd>{k}</kbd></dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
          </section>

        </aside>
      </div>
    </div>
  );
}
