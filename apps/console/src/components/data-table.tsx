import type { HTMLAttributes, ReactNode } from 'react';
import { t } from '../i18n/dictionary';

export type Column<Row> = {
  header: ReactNode;
  cell: (row: Row, index: number) => ReactNode;
  /** A cell's class: fixed (`number`, `small`) or from the row (a negative entry). */
  className?: string | ((row: Row) => string | undefined);
};

/** What a row carries for tests and anchors: `id`, `data-*` attributes. */
export type RowAttributes = HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | undefined };

/** One table shape for every page: column headers with scope, one row per item, and a row saying so when there is none. */
export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  rowAttributes,
  testId,
  className,
  caption,
}: {
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string;
  rowAttributes?: (row: Row) => RowAttributes;
  testId?: string;
  className?: string;
  caption?: ReactNode;
}) {
  return (
    <table data-testid={testId} className={className}>
      {caption !== undefined && <caption>{caption}</caption>}
      <thead>
        <tr>
          {columns.map((column, index) => (
            <th scope="col" key={index}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={columns.length}>{t.common.empty}</td>
          </tr>
        )}
        {rows.map((row, index) => (
          <tr key={rowKey(row, index)} {...rowAttributes?.(row)}>
            {columns.map((column, columnIndex) => (
              <td key={columnIndex} className={typeof column.className === 'function' ? column.className(row) : column.className}>
                {column.cell(row, index)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
