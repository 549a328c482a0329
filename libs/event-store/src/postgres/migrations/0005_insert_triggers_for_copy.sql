-- Up Migration

-- The append lock and the chain's first link, enforced by the events table itself, so that a large group of
-- appends can be written with COPY (GroupCommitAppender): COPY parses each row once, straight into the table,
-- where event_store_append parses the group as one jsonb argument and inserts from it (about 12 against 19 µs of
-- backend CPU per event for batches of 100; docs/benchmarks.md). COPY cannot call a function per group, so what
-- event_store_append checks under the lock moves into two statement-level triggers that hold for every INSERT and
-- COPY into events, from any client:
--
-- * Before the statement: the append lock (APPEND_LOCK_KEY in postgres-event-store.ts). global_position is drawn
--   by each row as it is inserted, so every row of every writer now draws it under the lock and positions are
--   handed out in commit order (gap-free global order) even for a writer that never heard of the lock.
--   event_store_append already holds it; taking it again is a no-op.
-- * After the statement, over the rows it inserted: the first event of each stream links to the revision before
--   it (revision 0 to the genesis hash); (stream_id, revision) is unique, so the stream's head cannot have moved
--   under the lock. A broken link fails the whole statement with SQLSTATE EV001. Then the statement's last
--   position is notified to live subscribers (on commit; event_store_append's equal notification is merged), and
--   each stream's last position is reported to the writer as a NOTICE 'event_store_appended' whose DETAIL is a
--   JSON object { streamId: "position" }: a COPY has no RETURNING, and this spares it a round trip to read them
--   back (a writer that does not receive notices reads them back by id).
CREATE FUNCTION events_take_append_lock() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7264913001);
  RETURN NULL;
END;
$$;

CREATE FUNCTION events_check_first_links() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  first_of_stream record;
  linked boolean;
  statement_last_position bigint := 0;
  stream_last_positions jsonb := '{}';
BEGIN
  FOR first_of_stream IN
    SELECT stream_id, min(revision) AS revision, max(global_position) AS last_position
    FROM inserted_events GROUP BY stream_id
  LOOP
    IF first_of_stream.revision = 0 THEN
      linked := (SELECT previous_hash = repeat('0', 64) FROM events
                 WHERE stream_id = first_of_stream.stream_id AND revision = 0);
    ELSE
      linked := (SELECT event.previous_hash = before.hash
                 FROM events AS event, events AS before
                 WHERE event.stream_id = first_of_stream.stream_id AND event.revision = first_of_stream.revision
                   AND before.stream_id = first_of_stream.stream_id AND before.revision = first_of_stream.revision - 1);
    END IF;
    IF linked IS NOT TRUE THEN
      RAISE EXCEPTION 'revision % of stream % does not link to the revision before it',
        first_of_stream.revision, first_of_stream.stream_id USING ERRCODE = 'EV001';
    END IF;
    statement_last_position := greatest(statement_last_position, first_of_stream.last_position);
    stream_last_positions := stream_last_positions
      || jsonb_build_object(first_of_stream.stream_id, first_of_stream.last_position::text);
  END LOOP;
  IF statement_last_position > 0 THEN
    PERFORM pg_notify('event_store_appended', statement_last_position::text);
    RAISE NOTICE 'event_store_appended' USING DETAIL = stream_last_positions::text;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER events_append_lock
  BEFORE INSERT ON events
  FOR EACH STATEMENT EXECUTE FUNCTION events_take_append_lock();

CREATE TRIGGER events_first_links
  AFTER INSERT ON events
  REFERENCING NEW TABLE AS inserted_events
  FOR EACH STATEMENT EXECUTE FUNCTION events_check_first_links();

-- Down Migration

DROP TRIGGER events_first_links ON events;
DROP TRIGGER events_append_lock ON events;
DROP FUNCTION events_check_first_links();
DROP FUNCTION events_take_append_lock();
