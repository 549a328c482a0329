import { storedSession } from './session';

export const API_BASE = '/api/v1';

/** An RFC 9457 problem document as the API sends it. */
export type Problem = { status: number; title: string; detail?: string; code?: string; type?: string; errors?: FieldProblem[] };
/** An input at fault, by its dotted path in the request (`fourLists.problem`). */
export type FieldProblem = { field: string; reason: string };

export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

/** GET from the API with the session's bearer token; a non-2xx answer becomes an ApiProblem carrying the API's own document. */
export async function apiGet<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  return send<T>(`${API_BASE}${path}${params.size > 0 ? `?${params}` : ''}`, { headers: { Accept: 'application/json' } });
}

/** POST a command to the API; the API alone decides whether the caller may (a refusal becomes an ApiProblem). */
export async function apiPost<T>(path: string, body: unknown = {}): Promise<T> {
  return send<T>(`${API_BASE}${path}`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** GET a document (a circular's PDF) with the session's bearer token, as a Blob to hand to the browser. */
export async function apiGetBlob(path: string): Promise<Blob> {
  const token = storedSession()?.token;
  const response = await fetch(`${API_BASE}${path}`, { headers: token !== undefined ? { Authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new ApiProblem({ status: response.status, title: response.statusText });
  return response.blob();
}

async function send<T>(url: string, init: RequestInit & { headers: Record<string, string> }): Promise<T> {
  const token = storedSession()?.token;
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: { ...init.headers, ...(token !== undefined ? { Authorization: `Bearer ${token}` } : {}) },
    });
  } catch (error) {
    throw new ApiProblem({ status: 0, title: error instanceof Error ? error.message : String(error) });
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = (body ?? {}) as Partial<Problem>;
    throw new ApiProblem({
      status: response.status,
      title: problem.title ?? response.statusText,
      detail: problem.detail,
      code: problem.code,
      type: problem.type,
      errors: problem.errors,
    });
  }
  return body as T;
}
