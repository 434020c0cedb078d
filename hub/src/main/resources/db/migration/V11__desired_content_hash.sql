-- A hash of what each cluster's desired document says (its bundles with their revisions, digests
-- and options), so planning a million clusters compares hashes instead of decoding every stored
-- document. Empty for documents stored before this column: those are decoded once.
ALTER TABLE desired ADD COLUMN content_hash VARCHAR(64) NOT NULL DEFAULT '';
