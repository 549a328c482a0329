export type PageRequest = { page?: number; pageSize?: number };

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 200;

/** 1-based page and a bounded size: the query layer never trusts the caller for either. */
export function pageWindow({ page = 1, pageSize = DEFAULT_PAGE_SIZE }: PageRequest): { page: number; pageSize: number; offset: number } {
  const safePage = Math.max(1, Math.floor(page));
  const safeSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(pageSize)));
  return { page: safePage, pageSize: safeSize, offset: (safePage - 1) * safeSize };
}

export const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());
