import { forwardRef, useImperativeHandle, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { VALENCES, type Code, type Study } from '../../../shared/model';
import { SITUATION_KEYS, codeTree, flattenTree } from '../../../shared/coding';
import { TypedTextHits } from '../../components/TypedTextHits';
import { TypeAhead } from './TypeAhead';
import { VALENCE_GLYPH, type Draft } from './draft';

export interface PanelHandle {
  focusActors: () => void;
  focusCodes: () => void;
  focusNote: () => void;
  /** The panel itself, so its keys (1–6, i/v/h, p/o/n, a, c, Enter) work at once. */
  focusPanel: () => void;
}

/** The coding panel: every dimension of one segment, with its key shown beside it. */
export const CodingPanel = forwardRef<PanelHandle, {
  study: Study;
  codes: readonly Code[];
  draft: Draft;
  quote: string;
  onChange: (d: Draft) => void;
  onSave: () => void;
  onCancel: () => void;
  onDelete: (() => void) | null;
  onReturnFocus: () => void;
  /** The note is the stored one, already resolved: its hits are not asked about again. */
  noteSettled?: boolean;
}>(function CodingPanel({ study, codes, draft, quote, onChange, onSave, onCancel, onDelete, onReturnFocus, noteSettled = false }, ref) {
  const { t } = useTranslation();
  const actorsRef = useRef<HTMLInputElement>(null);
  const codesRef = useRef<HTMLInputElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  useImperativeHandle(ref, () => ({
    focusPanel: () => panelRef.current?.focus(),
    focusActors: () => actorsRef.current?.focus(),
    focusCodes: () => codesRef.current?.focus(),
    focusNote: () => noteRef.current?.focus(),
  }));
  const codeOptions = useMemo(
    () => flattenTree(codeTree(codes)).map((n) => ({ id: n.code.id, label: `${'· '.repeat(n.depth)}${n.code.name}`, color: n.code.color })),
    [codes],
  );
  const actorOptions = useMemo(() => study.actors.map((a) => ({ id: a.id, label: a.label })), [study.actors]);
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch });

  return (
    <section className="coding-panel card" aria-labelledby="panel-h" data-testid="coding-panel" data-segment={draft.segmentId ?? undefined} ref={panelRef} tabIndex={-1}>
      <h2 id="panel-h">{draft.segmentId ? t('coding.panel.edit') : t('coding.panel.new')} <span className="badge">{draft.participantId}</span></h2>
      <blockquote className="panel-quote" data-testid="panel-quote">{quote}</blockquote>

      <fieldset className="keyed">
        <legend>{t('coding.dim.stage')} <kbd>1–{Math.min(9, study.stages.length)}</kbd></legend>
        {study.stages.map((s, i) => (
          <button key={s.id} type="button" aria-pressed={draft.stageId === s.id} onClick={() => set({ stageId: draft.stageId === s.id ? null : s.id })} data-testid={`stage-${s.id}`}>
            {i < 9 ? <kbd>{i + 1}</kbd> : null} {s.short ?? s.label}
          </button>
        ))}
      </fieldset>

      <fieldset className="keyed">
        <legend>{t('coding.dim.situation')} <kbd>i / v / h</kbd></legend>
        {study.situations.map((s, i) => (
          <button key={s.id} type="button" aria-pressed={draft.situationId === s.id} onClick={() => set({ situationId: draft.situationId === s.id ? null : s.id })}>
            {SITUATION_KEYS[i] ? <kbd>{SITUATION_KEYS[i]}</kbd> : null} {s.short ?? s.label}
          </button>
        ))}
      </fieldset>

      <fieldset className="keyed">
        <legend>{t('coding.dim.valence')} <kbd>p / o / n</kbd></legend>
        {VALENCES.map((v) => (
          <button key={v} type="button" className={`valence-btn v-${v}`} aria-pressed={draft.valence === v} onClick={() => set({ valence: draft.valence === v ? null : v })}>
            <kbd>{v === 'positive' ? 'p' : v === 'mixed' ? 'o' : 'n'}</kbd> <span aria-hidden="true">{VALENCE_GLYPH[v]}</span> {study.valenceLabels[v]}
          </button>
        ))}
      </fieldset>

      <fieldset className="keyed">
        <legend>{t('coding.dim.kind')} <kbd>w</kbd></legend>
        <label className="field inline">
          <input type="checkbox" checked={draft.kind === 'wish'} onChange={(e) => set({ kind: e.target.checked ? 'wish' : 'experience' })} data-testid="wish" />
          {t('coding.kind.wish')}
        </label>
      </fieldset>

      <TypeAhead ref={actorsRef} testId="actors" label={`${t('coding.dim.actors')} (a)`} options={actorOptions} value={draft.actorIds} onChange={(actorIds) => set({ actorIds })} onDone={onReturnFocus} onEmptyEnter={onSave} />
      <TypeAhead ref={codesRef} testId="codes" label={`${t('coding.dim.codes')} (c)`} options={codeOptions} value={draft.codeIds} onChange={(codeIds) => set({ codeIds })} onDone={onReturnFocus} onEmptyEnter={onSave} />

      <label className="field">
        {t('coding.dim.note')} (t)
        <textarea ref={noteRef} value={draft.note} onChange={(e) => set({ note: e.target.value })} rows={2} data-testid="segment-note" />
      </label>
      {noteSettled ? null : (
        <TypedTextHits
          text={draft.note}
          confirmed={draft.noteConfirmed ?? []}
          onConfirm={(value) => set({ noteConfirmed: [...(draft.noteConfirmed ?? []), value] })}
          onEdit={() => noteRef.current?.focus()}
          testId="note-hits"
        />
      )}

      <div className="form-actions">
        {onDelete ? <button type="button" className="danger" onClick={onDelete}>{t('coding.panel.delete')}</button> : null}
        <span className="spacer" />
        <button type="button" onClick={onCancel}>{t('coding.panel.cancel')} <kbd>Esc</kbd></button>
        <button type="button" className="primary" onClick={onSave} data-testid="save-segment">{t('coding.panel.save')} <kbd>Enter</kbd></button>
      </div>
    </section>
  );
});
