import { useEffect, useRef, useState, type HTMLAttributes, type ReactNode } from 'react';
import { t } from '../i18n/dictionary';

export type Column<Row> = {
  header: ReactNode;
  cell: (row: Row, index: number) => ReactNode;
  /** A cell's class: fixed (`number`, `small`) or from the row (a negative entry). */
  className?: string | ((row: Row) => string | undefined);
};

/** What a row carries for tests and anchors: `id`, `data-*` attributes. */
export type RowAttributes = HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | undefined };

/**
 * One table shape for every page: column headers with scope, one row per item, and a row saying so when there is none.
 * On a phone the table scrolls inside its box, or with `cards` each row becomes a card whose cells carry their header.
 */
export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  rowAttributes,
  testId,
  className,
  caption,
  cards = false,
}: {
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string;
  rowAttributes?: (row: Row) => RowAttributes;
  testId?: string;
  className?: string;
  caption?: ReactNode;
  cards?: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  // A table wider than its box scrolls inside it; keyboard users then need to reach the box to scroll it.
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (cards || element === null) return;
    const observer = new ResizeObserver(() => setScrolls(element.scrollWidth > element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, [cards]);
  return (
    <div
      ref={box}
      className={cards ? 'table-box' : 'table-box scrolls'}
      {...(scrolls ? { tabIndex: 0, role: 'group', 'aria-label': t.common.scrollsSideways } : {})}
    >
      <table data-testid={testId} className={[className, cards ? 'as-cards' : undefined].filter(Boolean).join(' ') || undefined}>
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
                <td
                  key={columnIndex}
                  className={typeof column.className === 'function' ? column.className(row) : column.className}
                  data-label={typeof column.header === 'string' ? column.header : undefined}
                >
                  {column.cell(row, index)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
