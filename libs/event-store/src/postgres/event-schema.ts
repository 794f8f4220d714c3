import type { Migration } from './schema-migrations';

/** Advisory-lock class of the global write lock; the other key is the events table's oid. */
export const GLOBAL_POSITION_LOCK_CLASS = 0x426c4c01;

/** Every append NOTIFYs this channel with the schema's name as payload, on commit. */
export const APPENDED_CHANNEL = 'blue_ledger_events';

/**
 * The event store's tables in one schema.
 *
 * The global order. A global position is drawn from the sequence only while holding one
 * transaction-scoped advisory lock per events table, taken by a BEFORE INSERT trigger (so by
 * every insert, whoever makes it) and held until the inserting transaction ends. PostgreSQL
 * marks a transaction committed and visible before it releases its locks, so the next writer
 * can only draw a position once every lower position is committed (or rolled back, leaving a
 * gap that nothing can fill later). A reader that sees position p therefore sees every event
 * below p: a cursor on positions alone never skips an event that commits late. That is
 * EventStoreDB's single writer, per database. Emmett orders by (transaction id, position)
 * and reads below `pg_snapshot_xmin` instead, which lets writers commit in parallel but makes
 * its cursor a pair and holds every reader back behind the oldest open transaction of the
 * whole server; the port's cursor is one strictly increasing bigint, as on SQLite and
 * EventStoreDB. The price: appends from every instance queue for the lock, one commit (and
 * its WAL flush) at a time, as on SQLite.
 *
 * `data` is the JSON text exactly as given (as on SQLite): jsonb would reorder keys, rewrite
 * numbers and refuse \u0000, and the ledger hashes what it stores. `stream_id` sorts in the
 * "C" collation, so the stream index also serves stream-id prefix filters (LIKE 'p%').
 */
export const EVENT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events: table, global position under one write lock, NOTIFY, append-only',
    sql: (s) => `
      CREATE SEQUENCE ${s}.events_global_position AS bigint;

      CREATE TABLE ${s}.events (
        global_position bigint  PRIMARY KEY,
        event_id        text    NOT NULL UNIQUE,
        stream_id       text    COLLATE "C" NOT NULL,
        stream_revision bigint  NOT NULL CHECK (stream_revision >= 0),
        type            text    NOT NULL,
        schema_version  integer NOT NULL,
        recorded_at     text    NOT NULL,
        occurred_at     text,
        actor_id        text    NOT NULL,
        actor_role      text    NOT NULL,
        correlation_id  text    NOT NULL,
        causation_id    text    NOT NULL,
        data            text    NOT NULL,
        prev_hash       text    NOT NULL,
        hash            text    NOT NULL,
        -- also the stream index: reads by stream id, by revision and by stream-id prefix use it
        UNIQUE (stream_id, stream_revision)
      );
      ALTER SEQUENCE ${s}.events_global_position OWNED BY ${s}.events.global_position;
      CREATE INDEX events_by_type ON ${s}.events (type, global_position);

      CREATE FUNCTION ${s}.events_take_global_position() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      BEGIN
        PERFORM pg_advisory_xact_lock(${GLOBAL_POSITION_LOCK_CLASS}, TG_RELID::integer);
        NEW.global_position := nextval('${s}.events_global_position'::regclass);
        RETURN NEW;
      END
      $fn$;
      CREATE TRIGGER events_take_global_position BEFORE INSERT ON ${s}.events
        FOR EACH ROW EXECUTE FUNCTION ${s}.events_take_global_position();

      CREATE FUNCTION ${s}.events_notify_appended() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      BEGIN
        PERFORM pg_notify('${APPENDED_CHANNEL}', TG_TABLE_SCHEMA);
        RETURN NULL;
      END
      $fn$;
      CREATE TRIGGER events_notify_appended AFTER INSERT ON ${s}.events
        FOR EACH STATEMENT EXECUTE FUNCTION ${s}.events_notify_appended();

      CREATE FUNCTION ${s}.events_are_append_only() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'events are append-only: record a new event instead';
      END
      $fn$;
      CREATE TRIGGER events_are_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ${s}.events
        FOR EACH STATEMENT EXECUTE FUNCTION ${s}.events_are_append_only();

      -- One round trip per append: the write lock first, then the idempotency check, the
      -- expected revision and the inserts, all under it. Outcomes: appended, already_appended
      -- (every id stands, in order, in this stream: the original result), duplicate (some ids
      -- stand, or elsewhere: the first of them), conflict (the stream's actual revision).
      CREATE FUNCTION ${s}.append_to_stream(
        p_stream_id       text,
        p_expected        text,   -- any | no_stream | stream_exists | revision
        p_expected_revision bigint,
        p_event_ids       text[],
        p_types           text[],
        p_schema_versions integer[],
        p_recorded_at     text[],
        p_occurred_at     text[],
        p_actor_ids       text[],
        p_actor_roles     text[],
        p_correlation_ids text[],
        p_causation_ids   text[],
        p_data            text[],
        p_prev_hashes     text[],
        p_hashes          text[]
      ) RETURNS TABLE (
        outcome         text,
        stream_revision bigint,
        global_position bigint,
        event_id        text,
        stream_id       text
      )
      LANGUAGE plpgsql AS $fn$
      #variable_conflict use_column
      DECLARE
        v_count    integer := cardinality(p_event_ids);
        v_stored   record;
        v_current  bigint;
        v_first    bigint;
        v_position bigint;
        v_expected_holds boolean;
      BEGIN
        PERFORM pg_advisory_xact_lock(
          ${GLOBAL_POSITION_LOCK_CLASS}, '${s}.events'::regclass::oid::integer);

        IF EXISTS (SELECT 1 FROM ${s}.events e WHERE e.event_id = ANY (p_event_ids)) THEN
          SELECT count(*)::integer AS found,
                 bool_and(e.stream_id = p_stream_id)
                   AND count(DISTINCT e.stream_revision - b.ord) = 1 AS same_batch,
                 (array_agg(e.stream_revision ORDER BY b.ord DESC))[1] AS last_revision,
                 (array_agg(e.global_position ORDER BY b.ord DESC))[1] AS last_position,
                 (array_agg(e.event_id ORDER BY b.ord))[1] AS first_id,
                 (array_agg(e.stream_id ORDER BY b.ord))[1] AS first_stream,
                 (array_agg(e.stream_revision ORDER BY b.ord))[1] AS first_revision
            INTO v_stored
            FROM unnest(p_event_ids) WITH ORDINALITY AS b(id, ord)
            JOIN ${s}.events e ON e.event_id = b.id;
          IF v_stored.found = v_count AND v_stored.same_batch THEN
            RETURN QUERY SELECT 'already_appended', v_stored.last_revision,
              v_stored.last_position, NULL::text, NULL::text;
          ELSE
            RETURN QUERY SELECT 'duplicate', v_stored.first_revision, NULL::bigint,
              v_stored.first_id, v_stored.first_stream;
          END IF;
          RETURN;
        END IF;

        SELECT e.stream_revision INTO v_current FROM ${s}.events e
          WHERE e.stream_id = p_stream_id ORDER BY e.stream_revision DESC LIMIT 1;
        v_expected_holds := CASE p_expected
          WHEN 'any' THEN true
          WHEN 'no_stream' THEN v_current IS NULL
          WHEN 'stream_exists' THEN v_current IS NOT NULL
          WHEN 'revision' THEN v_current IS NOT DISTINCT FROM p_expected_revision
        END;
        IF NOT v_expected_holds THEN
          RETURN QUERY SELECT 'conflict', v_current, NULL::bigint, NULL::text, NULL::text;
          RETURN;
        END IF;

        v_first := coalesce(v_current + 1, 0);
        FOR i IN 1 .. v_count LOOP
          INSERT INTO ${s}.events (event_id, stream_id, stream_revision, type, schema_version,
              recorded_at, occurred_at, actor_id, actor_role, correlation_id, causation_id,
              data, prev_hash, hash)
            VALUES (p_event_ids[i], p_stream_id, v_first + i - 1, p_types[i],
              p_schema_versions[i], p_recorded_at[i], p_occurred_at[i], p_actor_ids[i],
              p_actor_roles[i], p_correlation_ids[i], p_causation_ids[i], p_data[i],
              p_prev_hashes[i], p_hashes[i])
            RETURNING ${s}.events.global_position INTO v_position;
        END LOOP;
        RETURN QUERY SELECT 'appended', v_first + v_count - 1, v_position, NULL::text, NULL::text;
      END
      $fn$;
    `,
  },
];
