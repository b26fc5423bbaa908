-- Electronic supervision (电子监察, DOMAIN §2.6): the level history of cases and steps, anomalies,
-- the verdict of every completed case, supervise orders (督办) and the sweep's bookkeeping. The levels
-- themselves live on wf_case.level / wf_task.level, written only by this module.

-- Every change of a case's or a step's level. Statistics read it; rising changes (to yellow or red)
-- are alerted once each by the alert job ('pending' → 'sent'). No foreign keys: rows are written only
-- from the UPDATE of the case or step they describe (which are never deleted), and checking two keys
-- per row would add a third to the cost of a large midnight sweep.
CREATE TABLE sup_level_change (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id uuid NOT NULL,
  task_id uuid,
  from_level text NOT NULL CHECK (from_level IN ('green', 'yellow', 'red')),
  to_level text NOT NULL CHECK (to_level IN ('green', 'yellow', 'red')),
  at timestamptz NOT NULL,
  alert_state text NOT NULL DEFAULT 'none' CHECK (alert_state IN ('pending', 'sent', 'none'))
);
CREATE INDEX sup_level_change_case_idx ON sup_level_change (case_id, at);
CREATE INDEX sup_level_change_pending_idx ON sup_level_change (at) WHERE alert_state = 'pending';

-- Anomalies (异常): refusal without reasons, decision without acceptance, fee different from the
-- standard, a step overdue while the whole case is on time, the legal deadline exceeded. One row per
-- case, kind and step; a supervisor marks it handled (resolved) with a note.
CREATE TABLE sup_anomaly (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES wf_case (id),
  task_id uuid REFERENCES wf_task (id),
  kind text NOT NULL CHECK (kind IN ('refused_without_reason', 'missing_acceptance', 'fee_mismatch',
                                     'step_overdue', 'legal_overdue')),
  detail text NOT NULL,
  detected_at timestamptz NOT NULL,
  resolved boolean NOT NULL DEFAULT false,
  resolved_at timestamptz,
  resolved_by uuid REFERENCES idn_user (id),
  resolution text
);
CREATE UNIQUE INDEX sup_anomaly_once_idx ON sup_anomaly (case_id, kind, task_id) NULLS NOT DISTINCT;
CREATE INDEX sup_anomaly_detected_idx ON sup_anomaly (detected_at);
CREATE INDEX sup_anomaly_open_idx ON sup_anomaly (detected_at) WHERE NOT resolved;

-- The verdict of a completed case, written once at completion, for on-time rates and scorecards.
-- on_time: completed on or before the promised deadline (the legal one when nothing was promised);
-- NULL when no time limit ran (e.g. refused before the clock started).
CREATE TABLE sup_case_result (
  case_id uuid PRIMARY KEY REFERENCES wf_case (id),
  case_type text NOT NULL,
  org_id uuid NOT NULL REFERENCES idn_org (id),
  org_path text NOT NULL,
  subject text NOT NULL,
  outcome text,
  completed_on date NOT NULL,
  final_level text NOT NULL CHECK (final_level IN ('green', 'yellow', 'red')),
  due_date date,
  legal_deadline date,
  on_time boolean,
  legal_on_time boolean,
  -- Working days from the clock start to completion, paused days excluded; and the limit the same way.
  handling_days int,
  limit_days int
);
CREATE INDEX sup_case_result_period_idx ON sup_case_result (completed_on, org_path text_pattern_ops);

-- Supervise orders (督办). Each one is also a case on the engine (process 'supervision.order'), so the
-- unit's reply and the supervisor's review run through the ordinary inbox, clocks and timeline.
CREATE TABLE sup_order (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES wf_case (id),
  order_case_id uuid NOT NULL UNIQUE REFERENCES wf_case (id),
  org_id uuid NOT NULL REFERENCES idn_org (id),
  org_path text NOT NULL,
  deadline date NOT NULL,
  content text NOT NULL CHECK (length(content) BETWEEN 1 AND 2000),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'replied', 'closed')),
  reply text,
  replied_at timestamptz,
  replied_by uuid REFERENCES idn_user (id),
  closed_at timestamptz,
  closed_by uuid REFERENCES idn_user (id),
  issued_by uuid NOT NULL REFERENCES idn_user (id),
  issued_at timestamptz NOT NULL
);
CREATE INDEX sup_order_case_idx ON sup_order (case_id);
CREATE INDEX sup_order_org_idx ON sup_order (org_path text_pattern_ops, issued_at DESC);

-- The day up to which the sweep has looked for legal deadlines passing, so each sweep only visits the
-- cases whose legal deadline passed since the previous one.
CREATE TABLE sup_sweep_state (
  id int PRIMARY KEY CHECK (id = 1),
  legal_checked_through date,
  last_run_at timestamptz,
  last_changed int
);
INSERT INTO sup_sweep_state (id) VALUES (1);

-- Sweep indexes: each rising step of the sweep reads exactly its candidates: the warning day of open
-- green cases and steps, the due date (promised, else legal) of open green and yellow cases and steps,
-- red cases by legal deadline (a legal deadline can only pass after the promised one, 承诺时限 ≤ 法定时限),
-- and the few paused cases whose steps stand still.
CREATE INDEX sup_case_warn_idx ON wf_case (warn_on) WHERE status = 'open' AND level = 'green';
CREATE INDEX sup_case_green_due_idx ON wf_case ((coalesce(promised_deadline, legal_deadline)))
  WHERE status = 'open' AND level = 'green';
CREATE INDEX sup_case_yellow_due_idx ON wf_case ((coalesce(promised_deadline, legal_deadline)))
  WHERE status = 'open' AND level = 'yellow';
CREATE INDEX sup_case_legal_idx ON wf_case (legal_deadline) WHERE status = 'open' AND level = 'red';
CREATE INDEX sup_case_paused_idx ON wf_case (id) WHERE status = 'paused';
CREATE INDEX sup_task_warn_idx ON wf_task (warn_on) WHERE status = 'open' AND level = 'green';
CREATE INDEX sup_task_green_due_idx ON wf_task (due_date) WHERE status = 'open' AND level = 'green';
CREATE INDEX sup_task_yellow_due_idx ON wf_task (due_date) WHERE status = 'open' AND level = 'yellow';

-- The sweep reads partial indexes whose rows it has just moved out; until a vacuum removes those
-- entries every later sweep steps over them. The default (vacuum after a fifth of the table changed)
-- would let days of midnight sweeps pile up on a large table, so vacuum these two after 1 %.
ALTER TABLE wf_case SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE wf_task SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02);
