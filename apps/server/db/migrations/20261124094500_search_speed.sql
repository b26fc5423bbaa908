-- Search over a million documents within 100 ms (platform/search/query.ts, docs/search.md).
-- A search wants the newest 1,000 matches. With only a GIN index on the words, PostgreSQL either reads
-- every match of a common word from the table to sort it by date, or walks the published_at index and
-- checks rows one by one until enough match, which is slow for a rarer word or a narrow filter.
-- Here the words, the title bigrams, the filters and the publication time are all keys of one GIN
-- index, so one index scan intersects them and the table is read only for the matches of the hours
-- asked for. The query searches runs of hours from the newest back until it has enough.

-- GIN operator classes for uuid and text (PostgreSQL contrib, like pg_trgm).
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- The time keys of an instant: for its hour h (hours since 2000-01-01 UTC, clamped to 0..2^20-1) the
-- block h >> l for l = 0, 2, …, 18 (1 hour to 30 years), as l * 2^20 + (h >> l). A run of hours is a
-- few blocks. query.ts (hourKeys) builds the same keys; change both together.
CREATE FUNCTION search_time_keys(ts timestamptz) RETURNS int[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT ARRAY[h, (2 << 20) + (h >> 2), (4 << 20) + (h >> 4), (6 << 20) + (h >> 6), (8 << 20) + (h >> 8),
               (10 << 20) + (h >> 10), (12 << 20) + (h >> 12), (14 << 20) + (h >> 14),
               (16 << 20) + (h >> 16), (18 << 20) + (h >> 18)]
  FROM (SELECT least(greatest(floor(extract(epoch FROM ts - timestamptz '2000-01-01 00:00:00+00') / 3600), 0),
                     (1 << 20) - 1)::int AS h) s
$$;

-- The words stay in the row (compressed if need be) and the body goes to the TOAST table first: every
-- candidate's tsv is read to check phrases and to rank, the body only for the page's snippets.
ALTER TABLE search_document ALTER COLUMN tsv SET STORAGE MAIN;

-- Adding the column rewrites the table, which also moves the stored values as the line above says.
ALTER TABLE search_document
  ADD COLUMN time_keys int[] GENERATED ALWAYS AS (search_time_keys(published_at)) STORED;

CREATE INDEX search_document_match_idx ON search_document
  USING gin (tsv, title_grams, time_keys, site_id, source_type, column_id, org_id);

-- Replaced by search_document_match_idx (a GIN index answers for any subset of its columns). The
-- published_at indexes go too: walking one, the planner would check row after row for a word it
-- wrongly thinks common (a phrase of two common characters), reading the whole table.
DROP INDEX search_document_tsv_idx;
DROP INDEX search_document_title_grams_idx;
DROP INDEX search_document_site_published_idx;
DROP INDEX search_document_published_idx;
