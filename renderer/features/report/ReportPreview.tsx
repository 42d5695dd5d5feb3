import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { layoutToSvg } from '../../../shared/charts/svg';
import type { Block, ReportDoc } from '../../../shared/report';
import { formatDate } from '../../app/format';

/**
 * The report's structure as HTML, from the same document model the PDF writer reads: headings,
 * text, tables, and the charts as SVG (via <img>, so no markup is injected into the page).
 */
function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case 'paragraph':
      return <p className={`rp-p rp-${block.style ?? 'body'}`}>{block.text}</p>;
    case 'subheading':
      return <h4 className="rp-sub">{block.text}</h4>;
    case 'no-data':
      return <p className="rp-nodata">{block.text}</p>;
    case 'quote':
      return (
        <blockquote className={`rp-quote valence-${block.valence ?? 'none'}`}>
          «{block.text}» <cite>— {block.source}</cite>
        </blockquote>
      );
    case 'table':
      return (
        <div className="rp-table-wrap">
          <table className="data rp-table">
            <thead>
              <tr>{block.head.map((h, i) => <th key={i} scope="col" className={block.align?.[i] === 'right' ? 'num' : undefined}>{h}</th>)}</tr>
            </thead>
            <tbody>
              {block.rows.map((r, i) => (
                <tr key={i}>{r.map((c, j) => <td key={j} className={block.align?.[j] === 'right' ? 'num' : undefined}>{c}</td>)}</tr>
              ))}
            </tbody>
            {block.foot && (
              <tfoot>
                {block.foot.map((r, i) => (
                  <tr key={i}>{r.map((c, j) => <td key={j} className={block.align?.[j] === 'right' ? 'num' : undefined}>{c}</td>)}</tr>
                ))}
              </tfoot>
            )}
          </table>
          {block.caption && <p className="rp-p rp-note">{block.caption}</p>}
        </div>
      );
    case 'chart': {
      const svg = layoutToSvg(block.layout, { background: '#FFFFFF' });
      return <img className="rp-chart" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={`${block.layout.title}. ${block.layout.desc}`} />;
    }
  }
}

export const ReportPreview = memo(function ReportPreview({ doc }: { doc: ReportDoc }) {
  const { t } = useTranslation();
  return (
    <div className="rp-doc" data-testid="report-preview">
      <div className="rp-title-page">
        <h3>{doc.meta.title}</h3>
        {doc.meta.subtitle && <p className="rp-subtitle">{doc.meta.subtitle}</p>}
        <p className="muted">
          {[doc.meta.organisation, doc.meta.authors, formatDate(doc.meta.date)].filter(Boolean).join(' · ')}
        </p>
        <p className="muted">{doc.meta.selection}</p>
      </div>
      <nav aria-label={t('report.pdf.toc')} className="rp-toc">
        <ol>
          {doc.sections.map((s) => (
            <li key={s.id}>
              <a href={`#rp-${s.id}`} onClick={(e) => { e.preventDefault(); document.getElementById(`rp-${s.id}`)?.scrollIntoView({ block: 'start' }); }}>{s.title}</a>
              {s.empty && <span className="badge">{t('report.ui.emptyBadge')}</span>}
            </li>
          ))}
        </ol>
      </nav>
      {doc.sections.map((s, i) => (
        <section key={s.id} id={`rp-${s.id}`} className={`rp-section page-${s.page.orientation}`} aria-labelledby={`rp-h-${s.id}`}>
          <h3 id={`rp-h-${s.id}`}>
            {i + 1} {s.title}
            {s.page.orientation === 'landscape' && <span className="badge">{t('report.ui.landscape', { format: s.page.format.toUpperCase() })}</span>}
          </h3>
          {s.blocks.map((b, j) => <BlockView key={j} block={b} />)}
        </section>
      ))}
    </div>
  );
});
