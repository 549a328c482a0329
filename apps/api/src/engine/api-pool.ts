/** DI token of the API's own PostgreSQL pool (idempotency records, health). */
export const API_POOL = Symbol('API_POOL');
