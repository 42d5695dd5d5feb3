/**
 * The informant register (issue #19): every informant, derived from the interviews' participants
 * (shared/model/informants.ts), with the study's variables (age band, gender, years in Norway,
 * site …: label, type, allowed values) and each informant's values. A variable deleted while in
 * use asks first and can be undone.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { informantsOf, parseAttributeInput, variableUse, VARIABLE_TYPES, type AttributeValue, type InformantAttributes, type StudyVariable, type VariableType } from '../../../shared/model';
import type { ScreenProps } from '../../app/features';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Loading } from '../../components/Loading';
import { tracked } from '../../components/SaveIndicator';
import { showToast } from '../../components/Toasts';
import { db, deleteVariable, restoreVariable, saveAttributes, saveVariable, useAttributes, useVariables, type WriteFailure } from '../../db';
import { useInterviews } from '../../db/hooks';
import './informants.css';

function failureText(t: (k: string, o?: Record<string, unknown>) => string, r: WriteFailure): string {
  if (r.reason !== 'invalid') return r.message;
  return r.issues.map((i) => (i.message.startsWith('attributes.') ? t(`informants.issues.${i.message.slice('attributes.'.length)}`, { defaultValue: i.message }) : `${i.path}: ${i.message}`)).join(' ');
}

export function InformantsScreen({ study }: ScreenProps) {
  const { t } = useTranslation();
  const interviews = useInterviews(study.id);
  const variables = useVariables(study.id);
  const attributes = useAttributes(study.id);
  const [confirm, setConfirm] = useState<StudyVariable | null>(null);
  if (interviews === undefined || variables === undefined || attributes === undefined) return <Loading />;
  const byId = new Map(attributes.map((a) => [a.id, a]));
  const informants = informantsOf(interviews);
  const groupLabel = new Map(study.groups.map((g) => [g.id, g.label]));

  async function remove(v: StudyVariable) {
    setConfirm(null);
    const r = await tracked(() => deleteVariable(db, v.id));
    if (!r.ok) return;
    showToast({ message: t('informants.variableDeleted', { label: v.label }), action: { label: t('common.undo'), run: () => void tracked(() => restoreVariable(db, r.value)) } });
  }

  return (
    <div data-testid="informants-screen" data-state="ready">
      <div className="page-head">
        <h1>{t('informants.title')}</h1>
      </div>
      <section className="card" aria-labelledby="vars-h">
        <h2 id="vars-h">{t('informants.variables')}</h2>
        <p className="muted">{t('informants.variablesIntro')}</p>
        {variables.length > 0 ? (
          <table className="data" data-testid="variable-list">
            <thead>
              <tr>
                <th scope="col">{t('informants.label')}</th>
                <th scope="col">{t('informants.type')}</th>
                <th scope="col">{t('informants.values')}</th>
                <th scope="col">{t('informants.inUse')}</th>
                <th scope="col"><span className="sr-only">{t('common.delete')}</span></th>
              </tr>
            </thead>
            <tbody>
              {variables.map((v) => (
                <VariableRow key={v.id} variable={v} used={variableUse(attributes, v.id)} onDelete={() => (variableUse(attributes, v.id) > 0 ? setConfirm(v) : void remove(v))} />
              ))}
            </tbody>
          </table>
        ) : null}
        <VariableForm studyId={study.id} order={variables.length} />
      </section>
      <section className="card" aria-labelledby="reg-h">
        <h2 id="reg-h">{t('informants.register', { count: informants.length })}</h2>
        {informants.length === 0 ? (
          <p className="muted">{t('informants.none')}</p>
        ) : (
          <div className="informants-scroll">
            <table className="data informants-table" data-testid="informant-register">
              <thead>
                <tr>
                  <th scope="col">{t('informants.informant')}</th>
                  <th scope="col">{t('informants.group')}</th>
                  {variables.map((v) => (
                    <th scope="col" key={v.id}>{v.label}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {informants.map((inf) => (
                  <InformantRow key={inf.key} studyId={study.id} interviewId={inf.interviewId} participantId={inf.participantId} label={`${inf.interviewCode} ${inf.participantId}`} group={groupLabel.get(inf.groupId) ?? inf.groupId} variables={variables} record={byId.get(inf.key)} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {confirm ? (
        <ConfirmDialog
          message={t('informants.confirmDelete', { label: confirm.label, count: variableUse(attributes, confirm.id) })}
          confirmLabel={t('common.delete')}
          onConfirm={() => void remove(confirm)}
          onCancel={() => setConfirm(null)}
        />
      ) : null}
    </div>
  );
}

function VariableRow({ variable: v, used, onDelete }: { variable: StudyVariable; used: number; onDelete: () => void }) {
  const { t } = useTranslation();
  return (
    <tr data-testid={`variable-${v.id}`}>
      <th scope="row">{v.label}</th>
      <td>{t(`informants.types.${v.type}`)}</td>
      <td>{v.type === 'category' ? v.values.join(', ') : '–'}</td>
      <td>{used}</td>
      <td>
        <button type="button" className="ghost danger" onClick={onDelete} aria-label={`${t('common.delete')} ${v.label}`}>
          {t('common.delete')}
        </button>
      </td>
    </tr>
  );
}

function VariableForm({ studyId, order }: { studyId: string; order: number }) {
  const { t } = useTranslation();
  const [label, setLabel] = useState('');
  const [type, setType] = useState<VariableType>('category');
  const [values, setValues] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function add(e: FormEvent) {
    e.preventDefault();
    if (label.trim() === '') {
      setError(t('informants.issues.label-required'));
      return;
    }
    const now = db.env.now();
    const list = type === 'category' ? values.split(/[,;\n]/).map((x) => x.trim()).filter(Boolean) : [];
    const r = await tracked(() => saveVariable(db, { id: db.env.newId(), studyId, label: label.trim(), type, values: list, order, createdAt: now, updatedAt: now }));
    if (!r.ok) {
      setError(failureText(t, r));
      return;
    }
    setError(null);
    setLabel('');
    setValues('');
  }
  return (
    <form className="toolbar" onSubmit={(e) => void add(e)} data-testid="variable-form">
      <label className="field">
        {t('informants.label')}
        <input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={200} data-testid="variable-label" />
      </label>
      <label className="field">
        {t('informants.type')}
        <select value={type} onChange={(e) => setType(e.target.value as VariableType)} data-testid="variable-type">
          {VARIABLE_TYPES.map((x) => (
            <option key={x} value={x}>{t(`informants.types.${x}`)}</option>
          ))}
        </select>
      </label>
      {type === 'category' ? (
        <label className="field">
          {t('informants.allowed')}
          <input value={values} onChange={(e) => setValues(e.target.value)} placeholder={t('informants.allowedHint')} data-testid="variable-values" />
        </label>
      ) : null}
      <button type="submit" className="primary">{t('informants.addVariable')}</button>
      {error ? <span className="field-error" role="alert" data-testid="variable-error">{error}</span> : null}
    </form>
  );
}

function InformantRow(props: { studyId: string; interviewId: string; participantId: string; label: string; group: string; variables: readonly StudyVariable[]; record: InformantAttributes | undefined }) {
  const { t } = useTranslation();
  const { studyId, interviewId, participantId, label, group, variables, record } = props;
  const [error, setError] = useState<string | null>(null);
  const current = useMemo(() => record?.values ?? {}, [record]);
  async function set(v: StudyVariable, raw: string) {
    const value: AttributeValue | null = parseAttributeInput(v, raw);
    if ((current[v.id] ?? null) === value) return;
    const values: Record<string, AttributeValue | null> = { ...current, [v.id]: value };
    const r = await tracked(() => saveAttributes(db, { studyId, interviewId, participantId, values }, { author: '' }));
    setError(r.ok ? null : failureText(t, r));
  }
  const held = record?.review?.state === 'needs-review';
  return (
    <tr data-testid={`informant-${interviewId}-${participantId}`}>
      <th scope="row">
        {label}
        {held ? <span className="badge warn" title={t('informants.textHeld')}>{t('informants.textHeldShort')}</span> : null}
        {error ? <span className="field-error" role="alert">{error}</span> : null}
      </th>
      <td>{group}</td>
      {variables.map((v) => {
        const val = current[v.id];
        const name = `${label} – ${v.label}`;
        if (v.type === 'category') {
          return (
            <td key={v.id}>
              <select value={val === undefined ? '' : String(val)} onChange={(e) => void set(v, e.target.value)} aria-label={name} data-testid={`attr-${v.id}`}>
                <option value="">–</option>
                {v.values.map((x) => (
                  <option key={x} value={x}>{x}</option>
                ))}
              </select>
            </td>
          );
        }
        return (
          <td key={v.id}>
            <input
              key={`${v.id}:${String(val ?? '')}`}
              defaultValue={val === undefined ? '' : String(val)}
              inputMode={v.type === 'number' ? 'decimal' : undefined}
              onBlur={(e) => void set(v, e.target.value)}
              aria-label={name}
              data-testid={`attr-${v.id}`}
              size={v.type === 'number' ? 5 : 16}
            />
          </td>
        );
      })}
    </tr>
  );
}
