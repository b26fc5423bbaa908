-- Two platform-wide points of serialisation removed (see docs/adr/0007-audit-sealing-and-native-counters.md).
--
-- 1. Audit entries are written unsealed (no lock, one INSERT) and a sealer chains them afterwards:
--    it gives each committed entry the next chain position, the previous entry's hash and its own
--    keyed hash. `seq` is now only the order of insertion (from a sequence); `chain_pos` is the order
--    of the hash chain. Existing entries were chained in seq order, so their chain position is their seq.
ALTER TABLE aud_entry DISABLE TRIGGER aud_entry_no_update;
ALTER TABLE aud_entry ADD COLUMN chain_pos bigint;
UPDATE aud_entry SET chain_pos = seq;
ALTER TABLE aud_entry ENABLE TRIGGER aud_entry_no_update;
ALTER TABLE aud_entry ADD CONSTRAINT aud_entry_chain_pos_key UNIQUE (chain_pos);
ALTER TABLE aud_entry ALTER COLUMN prev_hash DROP NOT NULL;
ALTER TABLE aud_entry ALTER COLUMN hash DROP NOT NULL;
ALTER TABLE aud_entry ADD CONSTRAINT aud_entry_sealed_whole CHECK (
  (chain_pos IS NULL AND prev_hash IS NULL AND hash IS NULL)
  OR (chain_pos IS NOT NULL AND prev_hash IS NOT NULL AND hash IS NOT NULL)
);
CREATE SEQUENCE aud_entry_seq_seq OWNED BY aud_entry.seq;
SELECT setval('aud_entry_seq_seq', coalesce((SELECT max(seq) FROM aud_entry), 0) + 1, false);
ALTER TABLE aud_entry ALTER COLUMN seq SET DEFAULT nextval('aud_entry_seq_seq');
CREATE INDEX aud_entry_unsealed_idx ON aud_entry (seq) WHERE chain_pos IS NULL;
-- The anchor's `seq` is the chain position of the last purged entry (equal to its seq before this change).
COMMENT ON COLUMN aud_anchor.seq IS 'chain position (aud_entry.chain_pos) of the last purged entry';

-- Still append-only: the one update allowed is sealing an unsealed entry, leaving every other column as it was.
CREATE OR REPLACE FUNCTION aud_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('zt.audit_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.chain_pos IS NULL AND NEW.chain_pos IS NOT NULL
     AND (to_jsonb(NEW) - 'chain_pos' - 'prev_hash' - 'hash') = (to_jsonb(OLD) - 'chain_pos' - 'prev_hash' - 'hash') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'aud_entry is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;

-- 2. Human-number counters (办件编号, 文号, 证照编号 …) on PostgreSQL sequences, one per
--    (scope, organisation key, year), created on first use. nextval never waits for another
--    transaction, where the counter row made every submission wait for the one before it to commit.
--    A rolled-back transaction leaves a gap in the numbers; nothing requires them gapless. The
--    counter row's value (the last number given before this change) is where the sequence starts.
CREATE FUNCTION zt_next_sequence(p_scope text, p_org_key text, p_year int) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  seq_name text := 'zt_seq_' || substr(md5(p_scope || '|' || p_org_key || '|' || p_year::text), 1, 24);
  start_at bigint;
BEGIN
  IF to_regclass(seq_name) IS NULL THEN
    -- One creator at a time; a second one waits here, then finds the sequence.
    PERFORM pg_advisory_xact_lock(hashtext(seq_name));
    IF to_regclass(seq_name) IS NULL THEN
      SELECT coalesce(max(value), 0) + 1 INTO start_at FROM platform_sequence
        WHERE scope = p_scope AND org_key = p_org_key AND year = p_year;
      BEGIN
        EXECUTE format('CREATE SEQUENCE %I START WITH %s', seq_name, start_at);
      EXCEPTION WHEN duplicate_table OR unique_violation THEN
        -- Created and committed by the transaction we waited for (this statement's catalog view
        -- predates its commit).
        NULL;
      END;
      INSERT INTO platform_sequence (scope, org_key, year, value) VALUES (p_scope, p_org_key, p_year, start_at - 1)
        ON CONFLICT (scope, org_key, year) DO NOTHING;
    END IF;
  END IF;
  RETURN nextval(seq_name);
END $$;
COMMENT ON TABLE platform_sequence IS
  'counters that exist (scope, org_key, year); value = last number given before the counter moved to its sequence zt_seq_<md5>';
