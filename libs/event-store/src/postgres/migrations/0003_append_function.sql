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
-- previousHash = head hash; revision 0 and the genesis hash for a new stream), and only the group's first batch
-- for a stream is considered (a later one was chained onto the same head). Otherwise nothing of that batch is
-- written and its result carries the stream state as it is after this group's inserts, from which the caller
-- reports a conflict, recognises an idempotent retry, or re-chains and tries again. The whole group is checked
-- and inserted set-wise, in a fixed number of statements, however many batches it holds.
--
-- Result: one entry per batch, in order: { "appended": true, "lastGlobalPosition": "<n>" } or
-- { "appended": false, "state": <event_store_stream_state> }. Live subscribers are notified (on commit) with the
-- group's last position.
CREATE FUNCTION event_store_append(p_appends jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  appended jsonb;
  group_last_position bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(7264913001);

  WITH batches AS (
    SELECT b.batch_no, b.value->>'streamId' AS stream_id, b.value->'events' AS events,
           (b.value->'events'->0->>'revision')::integer AS first_revision,
           b.value->'events'->0->>'previousHash' AS first_previous_hash,
           b.batch_no = min(b.batch_no) OVER (PARTITION BY b.value->>'streamId') AS first_for_stream
    FROM jsonb_array_elements(p_appends) WITH ORDINALITY AS b(value, batch_no)
  ),
  batch_events AS (
    SELECT b.batch_no, b.stream_id, e.*
    FROM batches AS b
    CROSS JOIN LATERAL jsonb_to_recordset(b.events) AS e(id uuid, type text, "schemaVersion" integer, data jsonb,
                                                         metadata jsonb, revision integer, "previousHash" text,
                                                         hash text)
  ),
  -- LATERAL ... LIMIT 1 keeps these look-ups on their indexes even when the table's statistics are stale.
  heads AS (
    SELECT streams.stream_id, head.revision, head.hash
    FROM (SELECT DISTINCT stream_id FROM batches) AS streams
    LEFT JOIN LATERAL (SELECT revision, hash::text AS hash FROM events
                       WHERE events.stream_id = streams.stream_id ORDER BY revision DESC LIMIT 1) AS head ON true
  ),
  batches_with_stored_ids AS (
    SELECT DISTINCT batch_events.batch_no
    FROM batch_events
    CROSS JOIN LATERAL (SELECT FROM events WHERE events.id = batch_events.id LIMIT 1) AS stored
  ),
  accepted AS (
    SELECT batches.batch_no
    FROM batches JOIN heads USING (stream_id)
    WHERE batches.first_for_stream
      AND batches.first_revision = coalesce(heads.revision + 1, 0)
      AND batches.first_previous_hash = coalesce(heads.hash, repeat('0', 64))
      AND batches.batch_no NOT IN (SELECT batch_no FROM batches_with_stored_ids)
  ),
  inserted AS (
    INSERT INTO events (stream_id, revision, id, type, schema_version, data, metadata, previous_hash, hash)
    SELECT e.stream_id, e.revision, e.id, e.type, e."schemaVersion", e.data, e.metadata, e."previousHash", e.hash
    FROM batch_events AS e JOIN accepted USING (batch_no)
    ORDER BY e.batch_no, e.revision
    RETURNING id, global_position
  )
  SELECT jsonb_object_agg(batch_events.batch_no, last_position), max(last_position)
  INTO appended, group_last_position
  FROM (SELECT batch_events.batch_no, max(inserted.global_position) AS last_position
        FROM inserted JOIN batch_events USING (id) JOIN accepted USING (batch_no)
        GROUP BY batch_events.batch_no) AS batch_events;

  IF group_last_position IS NOT NULL THEN
    PERFORM pg_notify('event_store_appended', group_last_position::text);
  END IF;

  -- A separate statement, so that the state of a refused batch includes what this group just inserted.
  RETURN (
    SELECT jsonb_agg(
             CASE WHEN appended ? b.batch_no::text
               THEN jsonb_build_object('appended', true, 'lastGlobalPosition', appended->>(b.batch_no::text))
               ELSE jsonb_build_object('appended', false, 'state', event_store_stream_state(
                      b.value->>'streamId',
                      ARRAY(SELECT (e->>'id')::uuid FROM jsonb_array_elements(b.value->'events') AS e)))
             END ORDER BY b.batch_no)
    FROM jsonb_array_elements(p_appends) WITH ORDINALITY AS b(value, batch_no));
END;
$$;

-- Down Migration

DROP FUNCTION event_store_append(jsonb);
DROP FUNCTION event_store_stream_state(text, uuid[]);
