import { t } from '../i18n/dictionary';

/** Previous / next over the API's pages (server-side paging). */
export function Pager({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pager" aria-label={t.common.pageOf(page, pages, total)}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t.common.previous}
      </button>
      <span data-testid="page-info">{t.common.pageOf(page, pages, total)}</span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t.common.next}
      </button>
    </nav>
  );
}
