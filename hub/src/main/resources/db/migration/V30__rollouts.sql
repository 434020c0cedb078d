-- Staged rollouts (docs/rollouts.md). Runs unchanged on SQLite and PostgreSQL.

-- Each bundle keeps, besides its newest good definition, the previous revision that was fully
-- rolled out: what clusters the rollout has not reached run, and what a rollback returns to.
-- "settled" says the newest revision finished rolling out; only a settled revision becomes the
-- previous one when a newer revision arrives.
ALTER TABLE bundles ADD COLUMN previous_revision VARCHAR(128) NOT NULL DEFAULT '';
ALTER TABLE bundles ADD COLUMN previous_path TEXT NOT NULL DEFAULT '';
ALTER TABLE bundles ADD COLUMN previous_spec TEXT NOT NULL DEFAULT '';
ALTER TABLE bundles ADD COLUMN settled INTEGER NOT NULL DEFAULT 0;

-- One row per rollout of a bundle revision; the newest row of a bundle is its current rollout.
CREATE TABLE rollouts (
  id                ${serial},
  bundle            VARCHAR(63)  NOT NULL,
  revision          VARCHAR(128) NOT NULL,
  previous_revision VARCHAR(128) NOT NULL DEFAULT '',
  phase             VARCHAR(16)  NOT NULL,
  stage             INTEGER      NOT NULL,
  accepted_failures INTEGER      NOT NULL DEFAULT 0,
  reason            TEXT         NOT NULL DEFAULT '',
  started_at        BIGINT       NOT NULL,
  updated_at        BIGINT       NOT NULL,
  version           BIGINT       NOT NULL DEFAULT 0,
  progress          TEXT         NOT NULL DEFAULT ''
);
CREATE INDEX rollouts_by_bundle ON rollouts (bundle, id);

-- What happened to each rollout and why: started, stage advanced, paused, promoted, rolled back.
CREATE TABLE rollout_events (
  id                ${serial},
  rollout_id        BIGINT       NOT NULL,
  bundle            VARCHAR(63)  NOT NULL,
  at                BIGINT       NOT NULL,
  type              VARCHAR(32)  NOT NULL,
  stage             INTEGER      NOT NULL,
  actor             VARCHAR(64)  NOT NULL DEFAULT '',
  message           TEXT         NOT NULL DEFAULT ''
);
CREATE INDEX rollout_events_by_bundle ON rollout_events (bundle, id);
