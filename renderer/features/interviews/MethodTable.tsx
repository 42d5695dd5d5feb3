import { useTranslation } from 'react-i18next';
import { methodTable, type GroupDef, type Interview } from '../../../shared/model';

/** The method table (groups × individual / group / total), counting informants. */
export function MethodTable({ groups, interviews }: { groups: readonly GroupDef[]; interviews: readonly Interview[] }) {
  const { t } = useTranslation();
  const table = methodTable(groups, interviews);
  return (
    <table className="data" data-testid="method-table">
      <caption>{t('interviews.methodCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('interviews.group')}</th>
          <th scope="col" className="num">{t('interviews.individual')}</th>
          <th scope="col" className="num">{t('interviews.groupInterview')}</th>
          <th scope="col" className="num">{t('interviews.total')}</th>
        </tr>
      </thead>
      <tbody>
        {table.rows.map((r) => (
          <tr key={r.groupId} data-group={r.groupId}>
            <th scope="row">{r.label}</th>
            <td className="num">{r.individual || ''}</td>
            <td className="num">{r.group || ''}</td>
            <td className="num">{r.total}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr data-testid="method-total">
          <td>{t('interviews.total')}</td>
          <td className="num">{table.total.individual}</td>
          <td className="num">{table.total.group}</td>
          <td className="num">{table.total.total}</td>
        </tr>
      </tfoot>
    </table>
  );
}
