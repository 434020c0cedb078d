-- Flotilla hub schema. Runs unchanged on SQLite and PostgreSQL; ${blob} is BLOB or BYTEA.
-- Times are epoch milliseconds (BIGINT) so both databases compare them the same way.

CREATE TABLE clusters (
  id            VARCHAR(63)  PRIMARY KEY,
  name          VARCHAR(63)  NOT NULL UNIQUE,
  labels        TEXT         NOT NULL,
  facts         TEXT         NOT NULL,
  created_at    BIGINT       NOT NULL,
  last_seen     BIGINT       NOT NULL,
  revoked       INTEGER      NOT NULL DEFAULT 0,
  cert_serial   VARCHAR(64)  NOT NULL,
  cert_expires  BIGINT       NOT NULL,
  key_sha256    VARCHAR(64)  NOT NULL DEFAULT '',
  report_seq    BIGINT       NOT NULL DEFAULT 0,
  event_seq     BIGINT       NOT NULL DEFAULT 0
);

CREATE TABLE bootstrap_tokens (
  id            VARCHAR(16)  PRIMARY KEY,
  secret_hash   VARCHAR(64)  NOT NULL,
  labels        TEXT         NOT NULL,
  uses_left     INTEGER,
  expires_at    BIGINT,
  created_at    BIGINT       NOT NULL,
  revoked       INTEGER      NOT NULL DEFAULT 0,
  description   TEXT         NOT NULL DEFAULT ''
);

CREATE TABLE admin_tokens (
  id            VARCHAR(16)  PRIMARY KEY,
  secret_hash   VARCHAR(64)  NOT NULL,
  role          VARCHAR(16)  NOT NULL,
  created_at    BIGINT       NOT NULL,
  revoked       INTEGER      NOT NULL DEFAULT 0,
  description   TEXT         NOT NULL DEFAULT ''
);

CREATE TABLE sources (
  name          VARCHAR(63)  PRIMARY KEY,
  url           TEXT         NOT NULL,
  branch        VARCHAR(255) NOT NULL,
  path          TEXT         NOT NULL,
  revision      VARCHAR(128),
  fetched_at    BIGINT,
  error         TEXT         NOT NULL DEFAULT '',
  error_at      BIGINT
);

CREATE TABLE bundles (
  name          VARCHAR(63)  PRIMARY KEY,
  source        VARCHAR(63)  NOT NULL,
  path          TEXT         NOT NULL,
  spec          TEXT         NOT NULL,
  revision      VARCHAR(128) NOT NULL,
  error         TEXT         NOT NULL DEFAULT '',
  updated_at    BIGINT       NOT NULL
);

CREATE TABLE blobs (
  digest        VARCHAR(64)  PRIMARY KEY,
  content       ${blob}      NOT NULL,
  size          BIGINT       NOT NULL,
  created_at    BIGINT       NOT NULL
);

CREATE TABLE desired (
  cluster_id    VARCHAR(63)  PRIMARY KEY,
  generation    BIGINT       NOT NULL,
  etag          VARCHAR(64)  NOT NULL,
  document      ${blob}      NOT NULL,
  updated_at    BIGINT       NOT NULL
);

-- What the hub decided each cluster should run, one row per targeted (cluster, bundle).
CREATE TABLE assignments (
  cluster_id    VARCHAR(63)  NOT NULL,
  bundle        VARCHAR(63)  NOT NULL,
  revision      VARCHAR(128) NOT NULL,
  digest        VARCHAR(64)  NOT NULL,
  state         VARCHAR(16)  NOT NULL,
  message       TEXT         NOT NULL DEFAULT '',
  updated_at    BIGINT       NOT NULL,
  PRIMARY KEY (cluster_id, bundle)
);
CREATE INDEX assignments_by_bundle ON assignments (bundle);

-- What each agent last reported per bundle.
CREATE TABLE bundle_status (
  cluster_id    VARCHAR(63)  NOT NULL,
  bundle        VARCHAR(63)  NOT NULL,
  revision      VARCHAR(128) NOT NULL,
  digest        VARCHAR(64)  NOT NULL,
  sync          VARCHAR(16)  NOT NULL,
  health        VARCHAR(16)  NOT NULL,
  message       TEXT         NOT NULL DEFAULT '',
  changes       TEXT         NOT NULL DEFAULT '',
  observed_at   BIGINT       NOT NULL,
  PRIMARY KEY (cluster_id, bundle)
);
CREATE INDEX bundle_status_by_bundle ON bundle_status (bundle);

CREATE TABLE events (
  cluster_id    VARCHAR(63)  NOT NULL,
  seq           BIGINT       NOT NULL,
  at            BIGINT       NOT NULL,
  bundle        VARCHAR(63)  NOT NULL DEFAULT '',
  type          VARCHAR(64)  NOT NULL,
  message       TEXT         NOT NULL DEFAULT '',
  PRIMARY KEY (cluster_id, seq)
);

CREATE TABLE audit_log (
  id            ${serial},
  at            BIGINT       NOT NULL,
  actor         VARCHAR(64)  NOT NULL,
  action        VARCHAR(64)  NOT NULL,
  target        TEXT         NOT NULL DEFAULT '',
  detail        TEXT         NOT NULL DEFAULT ''
);
