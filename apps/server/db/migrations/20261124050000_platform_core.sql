-- Platform core: jobs (the outbox), domain events, files, notifications, calendar, sequences.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Background jobs. Inserting a job in the same transaction as the change that caused it is the
-- transactional outbox: a crash between the change and its side effects loses nothing.
CREATE TABLE platform_job (
  id uuid PRIMARY KEY,
  queue text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
  run_at timestamptz NOT NULL DEFAULT now(),
  attempts int NOT NULL DEFAULT 0,
  max_attempts int NOT NULL DEFAULT 5,
  locked_by text,
  locked_until timestamptz,
  last_error text,
  singleton_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX platform_job_ready_idx ON platform_job (run_at) WHERE state IN ('queued', 'running');
CREATE UNIQUE INDEX platform_job_singleton_idx ON platform_job (queue, singleton_key)
  WHERE singleton_key IS NOT NULL AND state IN ('queued', 'running');

-- Scheduled (cron-like) jobs: one row per schedule; whichever process claims the row enqueues the run.
CREATE TABLE platform_schedule (
  name text PRIMARY KEY,
  queue text NOT NULL,
  every_seconds int NOT NULL CHECK (every_seconds > 0),
  next_run_at timestamptz NOT NULL,
  last_run_at timestamptz
);

-- Domain events: the record of what happened, written with the change; subscribers run as jobs.
CREATE TABLE platform_event (
  id uuid PRIMARY KEY,
  type text NOT NULL,
  aggregate_type text NOT NULL,
  aggregate_id text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  actor_id uuid,
  occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX platform_event_aggregate_idx ON platform_event (aggregate_type, aggregate_id, occurred_at);
CREATE INDEX platform_event_type_idx ON platform_event (type, occurred_at);

-- Per-organisation, per-year counters for human numbers (办件编号, 索引号, 文号…). Never count rows.
CREATE TABLE platform_sequence (
  scope text NOT NULL,
  org_key text NOT NULL,
  year int NOT NULL,
  value bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (scope, org_key, year)
);

-- Working-day calendar (Asia/Shanghai). A year without a row is unpublished: deadline maths refuses it.
CREATE TABLE platform_calendar_year (
  year int PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  source text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE platform_calendar_day (
  day date PRIMARY KEY,
  year int NOT NULL REFERENCES platform_calendar_year (year) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name text NOT NULL,
  CHECK (extract(year FROM day)::int = year)
);

-- Content-addressed file store: blobs by SHA-256; file records give them a name, owner and purpose.
CREATE TABLE platform_blob (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint NOT NULL,
  mime text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE platform_file (
  id uuid PRIMARY KEY,
  sha256 text NOT NULL REFERENCES platform_blob (sha256),
  name text NOT NULL,
  mime text NOT NULL,
  size bigint NOT NULL,
  purpose text NOT NULL,
  owner_user_id uuid,
  org_id uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX platform_file_owner_idx ON platform_file (owner_user_id);

-- Outgoing messages (email, SMS), delivered by jobs with retries.
CREATE TABLE platform_message (
  id uuid PRIMARY KEY,
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient text NOT NULL,
  subject text,
  body text NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
  attempts int NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);

-- In-app messages for staff and account holders.
CREATE TABLE platform_inbox (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL,
  title text NOT NULL,
  body text NOT NULL DEFAULT '',
  link text,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX platform_inbox_user_idx ON platform_inbox (user_id, created_at DESC);
