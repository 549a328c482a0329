-- Up Migration

-- What an appender needs to decide about a stream: its head (last revision and hash, or null) and where any of
-- the given event ids are already stored (idempotency, duplicate ids). Ids are looked up one by one through a
-- LATERAL ... LIMIT 1, which the planner cannot turn into a join: a fast-growing, not yet analyzed events table
-- otherwise gets a hash join over a sequential scan of the whole table.
CREATE FUNCTION event_store_stream_state(p_stream_id text, p_event_ids uuid[]) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'head', (SELECT jsonb_build_object('revision', revision, 'hash', hash::text)
             FROM events WHERE stream_id = p_stream_id ORDER BY revision DESC LIMIT 1),
    'stored', (SELECT coalesce(jsonb_agg(to_jsonb(found)), '[]'::jsonb)
               FROM unnest(p_event_ids) AS wanted(id)
               CROSS JOIN LATERAL (SELECT id, stream_id AS "streamId", revision, global_position::text AS "globalPosition"
                                   FROM events WHERE events.id = wanted.id LIMIT 1) AS found));
$$;

-- Appends a group of already hash-chained batches in one statement, so that an append is one round trip and,
-- called outside an explicit transaction, commits as soon as the statement ends. p_appends is a JSON array of
-- { streamId, events: [{ id, type, schemaVersion, data, metadata, revision, previousHash, hash }] }.
--
-- The append lock (APPEND_LOCK_KEY in postgres-event-store.ts) is taken first and held until commit: positions
-- are drawn only under it, so they are handed out in commit order (gap-free global order). Because every append
-- holds it, what the checks below read cannot change before this transaction commits: a batch is inserted only
-- if no id of it is stored anywhere and its first event links to the stream's actual head (revision head + 1,
-- previousHash = head hash; revision 0 and the genesis hash for a new stream). Otherwise nothing of that batch
-- is written and its result carries the stream state, from which the caller reports a conflict, recognises an
-- idempotent retry, or re-chains and tries again. One batch never affects another of the group.
--
-- Result: one entry per batch, in order: { "appended": true, "lastGlobalPosition": "<n>" } or
-- { "appended": false, "state": <event_store_stream_state> }. Live subscribers are notified (on commit) with the
-- group's last position.
CREATE FUNCTION event_store_append(p_appends jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  batch jsonb;
  batch_stream_id text;
  first_event jsonb;
  batch_ids uuid[];
  head_revision integer;
  head_hash text;
  last_position bigint;
  group_last_position bigint;
  results jsonb := '[]'::jsonb;
BEGIN
  PERFORM pg_advisory_xact_lock(7264913001);
  FOR batch IN SELECT value FROM jsonb_array_elements(p_appends) LOOP
    batch_stream_id := batch->>'streamId';
    first_event := batch->'events'->0;
    batch_ids := ARRAY(SELECT (e->>'id')::uuid FROM jsonb_array_elements(batch->'events') AS e);
    head_revision := NULL;
    head_hash := NULL;
    SELECT revision, hash INTO head_revision, head_hash
      FROM events WHERE stream_id = batch_stream_id ORDER BY revision DESC LIMIT 1;
    IF (first_event->>'revision')::integer = coalesce(head_revision + 1, 0)
       AND first_event->>'previousHash' = coalesce(head_hash, repeat('0', 64))
       AND NOT EXISTS (SELECT FROM unnest(batch_ids) AS wanted(id)
                       CROSS JOIN LATERAL (SELECT FROM events WHERE events.id = wanted.id LIMIT 1) AS found) THEN
      WITH inserted AS (
        INSERT INTO events (stream_id, revision, id, type, schema_version, data, metadata, previous_hash, hash)
        SELECT batch_stream_id, e.revision, e.id, e.type, e."schemaVersion", e.data, e.metadata, e."previousHash", e.hash
        FROM jsonb_to_recordset(batch->'events') AS e(id uuid, type text, "schemaVersion" integer, data jsonb,
                                                      metadata jsonb, revision integer, "previousHash" text, hash text)
        ORDER BY e.revision
        RETURNING global_position
      )
      SELECT max(global_position) INTO last_position FROM inserted;
      group_last_position := last_position;
      results := results || jsonb_build_array(
        jsonb_build_object('appended', true, 'lastGlobalPosition', last_position::text));
    ELSE
      results := results || jsonb_build_array(jsonb_build_object(
        'appended', false, 'state', event_store_stream_state(batch_stream_id, batch_ids)));
    END IF;
  END LOOP;
  IF group_last_position IS NOT NULL THEN
    PERFORM pg_notify('event_store_appended', group_last_position::text);
  END IF;
  RETURN results;
END;
$$;

-- Down Migration

DROP FUNCTION event_store_append(jsonb);
DROP FUNCTION event_store_stream_state(text, uuid[]);
