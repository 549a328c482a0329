import { useEffect, useState } from 'react';
import { apiPost, ApiProblem, type Problem } from './client';
import { useApi, type ApiState } from './use-api';

export type CommandState = {
  busy: boolean;
  /** The API's refusal, unless every fault it names is one of the form's fields (then those are shown by the fields). */
  problem?: Problem;
  /** The API's reason for each of the form's fields it names. */
  fieldReasons: Record<string, string>;
};

/** A path with its indexes dotted: the DTOs' checks name `attendance.0.reason`, the rules `attendance[0].reason`. */
const dotted = (path: string) => path.replace(/\[(\d+)\]/g, '.$1');

/** The form's field an input at fault belongs to: `departments` for `departments.1` or `departments[1]`, `a[0].b` for `a.0.b`. */
function fieldOf(fields: readonly string[], path: string): string | undefined {
  const at = dotted(path);
  return fields.find((field) => at === dotted(field) || at.startsWith(`${dotted(field)}.`));
}

/** Sends a form's command; a problem's `errors` (400, or 422 from the rules) go to the fields they name, any other refusal to the form. */
export function useCommand(fields: readonly string[] = []) {
  const [state, setState] = useState<CommandState>({ busy: false, fieldReasons: {} });
  const run = async <T>(path: string, body: unknown = {}): Promise<T | undefined> => {
    setState({ busy: true, fieldReasons: {} });
    try {
      const result = await apiPost<T>(path, body);
      setState({ busy: false, fieldReasons: {} });
      return result;
    } catch (error) {
      const problem = error instanceof ApiProblem ? error.problem : { status: 0, title: String(error) };
      const named = (problem.errors ?? []).filter((fault) => fieldOf(fields, fault.field) !== undefined);
      const fieldReasons = Object.fromEntries(named.map((fault) => [fieldOf(fields, fault.field), fault.reason]));
      const allNamed = named.length > 0 && named.length === (problem.errors ?? []).length;
      setState({ busy: false, fieldReasons, problem: allNamed ? undefined : problem });
      return undefined;
    }
  };
  return { ...state, run, reset: () => setState({ busy: false, fieldReasons: {} }) };
}

/**
 * A list read again after a command until it shows the command's effect: the read models follow the event store
 * within moments, so the page asks every half second (at most 20 times) until `shows` holds.
 */
export function useFollowedApi<T>(path: string | undefined, query: Record<string, string | number | undefined> = {}) {
  const [reload, setReload] = useState(0);
  const [until, setUntil] = useState<{ shows: (data: T) => boolean; tries: number }>();
  const state: ApiState<T> = useApi<T>(path, query, reload);
  useEffect(() => {
    if (until === undefined || state.loading || state.data === undefined) return;
    if (until.shows(state.data) || until.tries >= 20) return setUntil(undefined);
    const timer = setTimeout(() => {
      setUntil({ ...until, tries: until.tries + 1 });
      setReload((count) => count + 1);
    }, 500);
    return () => clearTimeout(timer);
  }, [state, until]);
  return {
    state,
    follow: (shows: (data: T) => boolean) => {
      setUntil({ shows, tries: 0 });
      setReload((count) => count + 1);
    },
  };
}
