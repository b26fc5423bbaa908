-- The cluster-wide search index (platform/search). One row per published searchable thing; written in
-- the same transaction as the publication, so it is searchable on commit.
-- tsv: the application's segmentation (ICU words) of title (weight A) and body (weight B), stored as
-- lexemes of the 'simple' configuration. title_grams: character bigrams of the title for substring and
-- fuzzy title matches (pg_trgm ignores Chinese characters in the C locale the embedded server uses).
CREATE TABLE search_document (
  id uuid PRIMARY KEY,
  source_type text NOT NULL CHECK (source_type IN ('article', 'policy', 'catalogue', 'service-item')),
  source_id uuid NOT NULL,
  site_id uuid,
  column_id uuid,
  org_id uuid,
  title text NOT NULL,
  body text NOT NULL,
  url text NOT NULL,
  published_at timestamptz NOT NULL,
  extra jsonb NOT NULL DEFAULT '{}',
  tsv tsvector NOT NULL,
  title_grams tsvector NOT NULL,
  indexed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (source_type, source_id)
);

CREATE INDEX search_document_tsv_idx ON search_document USING gin (tsv);
CREATE INDEX search_document_title_grams_idx ON search_document USING gin (title_grams);
-- Recent-first candidate scans: for a common term the planner walks these newest first and stops early.
CREATE INDEX search_document_published_idx ON search_document (published_at DESC);
CREATE INDEX search_document_site_published_idx ON search_document (site_id, published_at DESC);
