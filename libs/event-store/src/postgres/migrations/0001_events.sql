-- Up Migration

-- The global log. global_position comes from a bigserial, but it is only drawn while the appending transaction
-- holds the append advisory lock (see postgres-event-store.ts), so positions are handed out in commit order
-- and a reader following "global_position > checkpoint" can never skip a row committed later.
CREATE TABLE events (
  global_position bigserial PRIMARY KEY,
  stream_id text NOT NULL CHECK (stream_id <> ''),
  category text GENERATED ALWAYS AS (split_part(stream_id, '-', 1)) STORED,
  revision integer NOT NULL CHECK (revision >= 0),
  id uuid NOT NULL UNIQUE,
  type text NOT NULL,
  schema_version integer NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  previous_hash char(64) NOT NULL,
  hash char(64) NOT NULL,
  -- Kept for diagnosis (which rows one append wrote); ordering does not depend on it.
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  CONSTRAINT events_stream_revision_key UNIQUE (stream_id, revision)
);

CREATE INDEX events_category_position_idx ON events (category, global_position);
CREATE INDEX events_recorded_at_idx ON events (recorded_at);

-- Append-only: the application can never change history. A DBA with ownership of the table can still disable
-- the trigger, which is exactly the tampering that the hash chain makes visible.
CREATE FUNCTION events_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER events_append_only
  BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION events_forbid_change();

CREATE TRIGGER events_no_truncate
  BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION events_forbid_change();

-- Down Migration

DROP TABLE events;
DROP FUNCTION events_forbid_change();
