-- Up Migration

-- Where each consumer (projection, publisher, delivery) has got to in the global log.
CREATE TABLE checkpoints (
  name text PRIMARY KEY,
  position bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration

DROP TABLE checkpoints;
