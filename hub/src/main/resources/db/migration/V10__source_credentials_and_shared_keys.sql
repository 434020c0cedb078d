-- Source credentials (HTTPS token or SSH key) and the webhook secret; never shown by the API.
ALTER TABLE sources ADD COLUMN auth_kind VARCHAR(16) NOT NULL DEFAULT 'NONE';
ALTER TABLE sources ADD COLUMN auth_username TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN auth_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN known_hosts TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN webhook_secret TEXT NOT NULL DEFAULT '';

-- Key material every hub replica must share (the CA and the document signing key), written once
-- by the first replica to start; see docs/ha.md.
CREATE TABLE shared_keys (
  name          VARCHAR(63)  PRIMARY KEY,
  content       ${blob}      NOT NULL,
  created_at    BIGINT       NOT NULL
);
