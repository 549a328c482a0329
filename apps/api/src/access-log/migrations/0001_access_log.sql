-- Up Migration

-- Who read what: each recorded read of a supervisor (an audit trail, a ledger, a department's pages) or of an
-- auditor (this log). Kept apart from the events, which stay the record of what was done: the route and the ids
-- it named, never the content it answered.
CREATE TABLE access_log (
  id bigserial PRIMARY KEY,
  read_at timestamptz NOT NULL DEFAULT now(),
  actor_role text NOT NULL,
  actor_subject text NOT NULL,
  actor_scope text,
  what text NOT NULL,
  route text NOT NULL,
  resource_ids jsonb NOT NULL,
  client_address text
);

CREATE INDEX access_log_subject_idx ON access_log (actor_subject, id);
CREATE INDEX access_log_what_idx ON access_log (what, id);

-- Append-only: a record of reads that could be edited would prove nothing.
CREATE FUNCTION access_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'access_log is append-only: % refused', TG_OP;
END;
$$;

CREATE TRIGGER access_log_append_only
  BEFORE UPDATE OR DELETE ON access_log
  FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change();

CREATE TRIGGER access_log_no_truncate
  BEFORE TRUNCATE ON access_log
  FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change();

-- Down Migration

DROP TABLE access_log;
DROP FUNCTION access_log_refuse_change();
