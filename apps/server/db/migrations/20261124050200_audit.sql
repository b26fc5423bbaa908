-- The audit log (责任认定): append-only, hash-chained with a keyed HMAC-SM3 so that editing or
-- deleting any entry breaks verification. seq gives the chain order; writers serialise on an
-- advisory lock while they append.
CREATE TABLE aud_entry (
  id uuid PRIMARY KEY,
  seq bigint NOT NULL UNIQUE,
  occurred_at timestamptz NOT NULL,
  actor_id uuid,
  actor_name text,
  actor_org_id uuid,
  action text NOT NULL,
  object_type text NOT NULL,
  object_id text,
  result text NOT NULL CHECK (result IN ('success', 'failure')),
  summary text,
  changes jsonb,
  ip text,
  user_agent text,
  request_id text,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX aud_entry_time_idx ON aud_entry (occurred_at DESC);
CREATE INDEX aud_entry_actor_idx ON aud_entry (actor_id, occurred_at DESC);
CREATE INDEX aud_entry_object_idx ON aud_entry (object_type, object_id);
CREATE INDEX aud_entry_action_idx ON aud_entry (action, occurred_at DESC);

-- When retention purges the oldest entries, the last purged hash becomes the anchor the chain
-- verification starts from.
CREATE TABLE aud_anchor (
  id int PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  hash text NOT NULL,
  purged_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION aud_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('zt.audit_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'aud_entry is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER aud_entry_no_update BEFORE UPDATE OR DELETE ON aud_entry
  FOR EACH ROW EXECUTE FUNCTION aud_entry_append_only();
CREATE TRIGGER aud_entry_no_truncate BEFORE TRUNCATE ON aud_entry
  FOR EACH STATEMENT EXECUTE FUNCTION aud_entry_append_only();
