import { useEffect, useState } from 'react';
import { apiGet, ApiProblem, type Problem } from './client';

export type ApiState<T> = { data?: T; problem?: Problem; loading: boolean };

/**
 * Fetches a path whenever it, its query or `reload` changes (a page bumps `reload` to read again); a stale
 * answer never overwrites a newer one.
 */
export function useApi<T>(path: string | undefined, query: Record<string, string | number | undefined> = {}, reload = 0): ApiState<T> {
  const [state, setState] = useState<ApiState<T>>({ loading: path !== undefined });
  const key = JSON.stringify([path, query, reload]);
  useEffect(() => {
    if (path === undefined) return;
    let current = true;
    setState((previous) => ({ data: previous.data, loading: true }));
    apiGet<T>(path, query).then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) =>
        current && setState({ loading: false, problem: error instanceof ApiProblem ? error.problem : { status: 0, title: String(error) } }),
    );
    return () => {
      current = false;
    };
  }, [key]);
  return state;
}
