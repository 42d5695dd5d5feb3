/** "Kim": per stage, the most frequent pains, helps and wishes (personaKim), each with one quote. */
import { useTranslation } from 'react-i18next';
import type { PersonaItem, PersonaStage, StudyIndex } from '../../../shared/analysis';

function Items({ index, items, kind }: { index: StudyIndex; items: PersonaItem[]; kind: 'pains' | 'helps' | 'wishes' }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="muted">{t('journey.persona.none')}</p>;
  return (
    <ul className={`persona-items ${kind}`}>
      {items.map((it) => (
        <li key={it.codeId ?? '-'}>
          <strong>{it.codeId === null ? t('journey.persona.uncoded') : (index.codeById.get(it.codeId)?.name ?? it.codeId)}</strong>{' '}
          <span className="muted">{t('journey.persona.n', { segments: it.n, informants: it.informants })}</span>
          {it.quote ? <q className="persona-quote">{it.quote.quote}</q> : null}
        </li>
      ))}
    </ul>
  );
}

export function PersonaPanel({ index, persona }: { index: StudyIndex; persona: PersonaStage[] }) {
  const { t } = useTranslation();
  return (
    <section className="card persona-panel" aria-labelledby="persona-title" data-testid="persona-panel">
      <h2 id="persona-title">{t('journey.persona.title')}</h2>
      <p className="muted">{t('journey.persona.intro')}</p>
      <div className="persona-grid">
        {persona.map((st) => (
          <article key={st.stageId} className="persona-stage" aria-label={st.label}>
            <h3>{st.label}</h3>
            <h4><span aria-hidden="true">− </span>{t('journey.persona.pains')}</h4>
            <Items index={index} items={st.pains} kind="pains" />
            <h4><span aria-hidden="true">+ </span>{t('journey.persona.helps')}</h4>
            <Items index={index} items={st.helps} kind="helps" />
            <h4><span aria-hidden="true">* </span>{t('journey.persona.wishes')}</h4>
            <Items index={index} items={st.wishes} kind="wishes" />
          </article>
        ))}
      </div>
    </section>
  );
}
