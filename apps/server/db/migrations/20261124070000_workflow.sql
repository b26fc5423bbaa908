-- The case engine (ARCHITECTURE §3): versioned process definitions, cases with clocks, the open
-- tasks of their current steps, a timeline of every event, pauses and extensions. It knows no case
-- type: licensing, disclosure requests, letters and petitions are rows here with different
-- definitions, forms and pages.

CREATE TABLE wf_process (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9_.-]{1,62}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  case_type text NOT NULL,
  description text NOT NULL DEFAULT '',
  -- The unit that owns the definition: administrators whose scope reaches it may edit it. NULL: platform.
  org_id uuid REFERENCES idn_org (id),
  org_path text,
  created_by uuid REFERENCES idn_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A version is edited while a draft and frozen once published; a running case keeps its version.
CREATE TABLE wf_process_version (
  id uuid PRIMARY KEY,
  process_id uuid NOT NULL REFERENCES wf_process (id),
  version int NOT NULL CHECK (version > 0),
  status text NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
  definition jsonb NOT NULL,
  note text NOT NULL DEFAULT '',
  created_by uuid REFERENCES idn_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  published_by uuid REFERENCES idn_user (id),
  published_at timestamptz,
  UNIQUE (process_id, version)
);
-- At most one published version per process (the one new cases start on).
CREATE UNIQUE INDEX wf_process_version_published_idx ON wf_process_version (process_id) WHERE status = 'published';
-- And at most one draft being edited.
CREATE UNIQUE INDEX wf_process_version_draft_idx ON wf_process_version (process_id) WHERE status = 'draft';

CREATE TABLE wf_case (
  id uuid PRIMARY KEY,
  number text NOT NULL UNIQUE,
  case_type text NOT NULL,
  process_version_id uuid NOT NULL REFERENCES wf_process_version (id),
  -- Owning unit, with its materialised path copied for scope filters.
  org_id uuid NOT NULL REFERENCES idn_org (id),
  org_path text NOT NULL,
  subject text NOT NULL,
  applicant_user_id uuid REFERENCES idn_user (id),
  -- Display name of the applicant (person or enterprise); never an ID number.
  applicant_name text NOT NULL DEFAULT '',
  -- The business record behind the case (an application, a disclosure request …).
  ref_type text,
  ref_id uuid,
  data jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL CHECK (status IN ('open', 'paused', 'completed', 'cancelled')),
  outcome text,
  -- Query code for the public status lookup: keyed hash only (the applicant sees it on the receipt).
  query_code_hash text,
  query_code_enc text,
  received_on date NOT NULL,
  -- The day the legal clock started (受理日, or the receipt date where the law counts from receipt);
  -- counting starts the next day.
  clock_started_on date,
  legal_days int,
  legal_unit text CHECK (legal_unit IN ('working', 'natural')),
  promised_days int,
  promised_unit text CHECK (promised_unit IN ('working', 'natural')),
  extended_days int NOT NULL DEFAULT 0,
  -- Working (or natural, per unit) days the clock stood still in closed pauses.
  paused_days int NOT NULL DEFAULT 0,
  legal_deadline date,
  promised_deadline date,
  -- Supervision: the day the case turns yellow (share of promised time used, or one working day left),
  -- and its current level, maintained by the supervision module.
  warn_on date,
  level text NOT NULL DEFAULT 'green' CHECK (level IN ('green', 'yellow', 'red')),
  completed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Last timeline sequence number: bumping it also serialises timeline writers of one case.
  event_seq int NOT NULL DEFAULT 0,
  row_version int NOT NULL DEFAULT 1
);
CREATE INDEX wf_case_org_path_idx ON wf_case (org_path text_pattern_ops);
CREATE INDEX wf_case_applicant_idx ON wf_case (applicant_user_id, created_at DESC);
CREATE INDEX wf_case_ref_idx ON wf_case (ref_type, ref_id);
CREATE INDEX wf_case_type_status_idx ON wf_case (case_type, status);
-- The indexes of the supervision sweep (which alone writes `level`) are in the supervision migration.
CREATE INDEX wf_case_level_idx ON wf_case (level, org_path text_pattern_ops) WHERE status IN ('open', 'paused');

-- Open and finished work items. A task belongs to one step of one case; for a parallel branch it also
-- belongs to the fork instance it was opened by.
CREATE TABLE wf_fork (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES wf_case (id),
  fork_key text NOT NULL,
  join_key text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('all', 'any')),
  branches int NOT NULL,
  arrived int NOT NULL DEFAULT 0,
  agreed int NOT NULL DEFAULT 0,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'joined', 'cancelled')),
  -- How the join resolved: passed (on to the join's next step) or failed (to its rejectTo).
  result text CHECK (result IN ('passed', 'failed')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX wf_fork_case_idx ON wf_fork (case_id);

CREATE TABLE wf_task (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES wf_case (id),
  step_key text NOT NULL,
  step_name text NOT NULL,
  fork_id uuid REFERENCES wf_fork (id),
  -- Who may act: holders of a role whose scope reaches the unit, members of a unit, or one user.
  assignee_type text NOT NULL CHECK (assignee_type IN ('role', 'unit', 'user')),
  role_code text,
  org_id uuid REFERENCES idn_org (id),
  org_path text,
  user_id uuid REFERENCES idn_user (id),
  claimed_by uuid REFERENCES idn_user (id),
  claimed_at timestamptz,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  action text,
  comment text,
  acted_by uuid REFERENCES idn_user (id),
  acted_at timestamptz,
  opened_at timestamptz NOT NULL DEFAULT now(),
  limit_days int,
  limit_unit text CHECK (limit_unit IN ('working', 'natural')),
  due_date date,
  warn_on date,
  level text NOT NULL DEFAULT 'green' CHECK (level IN ('green', 'yellow', 'red'))
);
CREATE INDEX wf_task_open_role_idx ON wf_task (role_code, org_path text_pattern_ops) WHERE status = 'open';
CREATE INDEX wf_task_open_org_idx ON wf_task (org_id) WHERE status = 'open';
CREATE INDEX wf_task_open_user_idx ON wf_task (user_id) WHERE status = 'open';
CREATE INDEX wf_task_case_idx ON wf_task (case_id);
-- "Cases I worked on" (case list for participants outside the owning unit).
CREATE INDEX wf_task_acted_by_idx ON wf_task (acted_by) WHERE acted_by IS NOT NULL;

-- Tokens parked at wait steps until a signal arrives ('applicant.resubmitted', 'fee.paid' …).
CREATE TABLE wf_wait (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES wf_case (id),
  step_key text NOT NULL,
  step_name text NOT NULL,
  signal text NOT NULL,
  fork_id uuid REFERENCES wf_fork (id),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  opened_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz
);
CREATE INDEX wf_wait_case_idx ON wf_wait (case_id) WHERE status = 'open';

-- The timeline: every event of a case, in order. `public` entries are shown to the applicant and on
-- the public lookup (never with personal data).
CREATE TABLE wf_case_event (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES wf_case (id),
  seq int NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  kind text NOT NULL,
  step_key text,
  step_name text,
  action text,
  title text NOT NULL,
  comment text,
  actor_id uuid REFERENCES idn_user (id),
  actor_name text,
  actor_org_name text,
  data jsonb NOT NULL DEFAULT '{}',
  public boolean NOT NULL DEFAULT true,
  UNIQUE (case_id, seq)
);

-- Clock pauses (补正, 听证, 专家评审, 检验检测, 第三方意见 …): the time between start and end does not count.
CREATE TABLE wf_pause (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES wf_case (id),
  kind text NOT NULL,
  reason text NOT NULL DEFAULT '',
  started_on date NOT NULL,
  expected_days int,
  ended_on date,
  counted_days int,
  started_by uuid REFERENCES idn_user (id),
  ended_by uuid REFERENCES idn_user (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX wf_pause_one_open_idx ON wf_pause (case_id) WHERE ended_on IS NULL;

-- Extensions need approval (行政许可法 Art. 42: 本行政机关负责人批准) and are told to the applicant.
CREATE TABLE wf_extension (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES wf_case (id),
  days int NOT NULL CHECK (days > 0),
  reason text NOT NULL,
  status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'approved', 'rejected')),
  requested_by uuid REFERENCES idn_user (id),
  requested_at timestamptz NOT NULL DEFAULT now(),
  decided_by uuid REFERENCES idn_user (id),
  decided_at timestamptz,
  decision_comment text
);
CREATE UNIQUE INDEX wf_extension_one_pending_idx ON wf_extension (case_id) WHERE status = 'requested';
