-- Licensing (行政许可 and other 政务服务 applications): what a citizen or enterprise submits for a
-- service item, the case it runs as on the engine, the documents issued along the way (接收回执,
-- 受理通知书, 一次性告知书, 不予受理决定书, 缴费通知书, 准予/不予行政许可决定书), one payment notice per
-- case with its payments, and the correction requests (一次性告知). The case itself (steps, tasks,
-- clocks, timeline) lives in the workflow tables; these rows hold what only licensing knows.

CREATE TABLE lic_application (
  id uuid PRIMARY KEY,
  applicant_user_id uuid NOT NULL REFERENCES idn_user (id),
  applicant_kind text NOT NULL CHECK (applicant_kind IN ('citizen', 'enterprise')),
  -- The applicant's display name (person or enterprise), as printed on the documents.
  applicant_name text NOT NULL,
  -- Snapshot of the service item at submission: later edits of the item do not change an application.
  item_id uuid NOT NULL,
  item_code text NOT NULL DEFAULT '',
  item_name text NOT NULL,
  item_version int,
  -- The published guide as it stood (materials, fees, limits, remedies): the case is handled and its
  -- documents are written against what the applicant applied for.
  item_snapshot jsonb NOT NULL,
  org_id uuid NOT NULL REFERENCES idn_org (id),
  process_code text NOT NULL,
  -- The form exactly as submitted, encrypted as a whole (it holds ID numbers, phones, addresses).
  form_enc text NOT NULL,
  -- Choices, numbers and dates only (no free text, no identifiers): for lists and statistics.
  form_summary jsonb NOT NULL DEFAULT '[]',
  -- Where to send SMS notices and the licence holder's code, both encrypted.
  contact_phone_enc text,
  holder_code_enc text,
  status text NOT NULL CHECK (status IN ('submitted', 'correction', 'processing', 'fee_due', 'approved',
                                         'denied', 'not_accepted', 'withdrawn', 'completed')),
  case_id uuid UNIQUE REFERENCES wf_case (id),
  case_number text,
  query_code_enc text,
  received_on date NOT NULL,
  submitted_at timestamptz NOT NULL,
  -- 行政许可法 Art. 32: the acceptance decision or the one-time correction notice is due within 5
  -- working days of receipt (of the resubmission, after a correction). Maintained by the case hooks.
  acceptance_step text,
  acceptance_pending boolean NOT NULL DEFAULT true,
  acceptance_window_from date,
  acceptance_due_on date,
  accepted_on date,
  auto_accepted boolean NOT NULL DEFAULT false,
  correction_rounds int NOT NULL DEFAULT 0,
  -- The reasons of the last refusal (不予受理 / 不予许可), printed on the decision.
  decision_reason text,
  decided_at timestamptz,
  licence_id uuid,
  licence_number text,
  licence_verify_url text,
  withdrawn_at timestamptz,
  -- Idempotency-Key of the submitting request; the same key and body give the same application.
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 8 AND 100),
  request_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX lic_application_idempotency_idx ON lic_application (applicant_user_id, idempotency_key);
CREATE INDEX lic_application_applicant_idx ON lic_application (applicant_user_id, created_at DESC);
CREATE INDEX lic_application_item_idx ON lic_application (item_id);
-- The Art. 32 sweep visits only applications still waiting for an acceptance decision.
CREATE INDEX lic_application_acceptance_idx ON lic_application (acceptance_due_on)
  WHERE acceptance_pending AND status = 'submitted';

-- Uploaded materials per round: round 1 at submission, round n+1 at the n-th resubmission.
CREATE TABLE lic_material (
  id uuid PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES lic_application (id),
  material_id text NOT NULL,
  material_name text NOT NULL,
  file_id uuid NOT NULL REFERENCES platform_file (id),
  round int NOT NULL CHECK (round > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lic_material_application_idx ON lic_material (application_id, round);

-- A file belongs to one application only: the same upload cannot be handed in twice.
CREATE TABLE lic_file_use (
  file_id uuid PRIMARY KEY REFERENCES platform_file (id),
  application_id uuid NOT NULL REFERENCES lic_application (id)
);

-- Drafts: partial form data (encrypted) and chosen materials, no validation beyond size and shape.
CREATE TABLE lic_draft (
  id uuid PRIMARY KEY,
  applicant_user_id uuid NOT NULL REFERENCES idn_user (id),
  item_id uuid NOT NULL,
  item_name text NOT NULL,
  form_enc text NOT NULL,
  materials jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lic_draft_applicant_idx ON lic_draft (applicant_user_id, updated_at DESC);

CREATE TABLE lic_document (
  id uuid PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES lic_application (id),
  case_id uuid REFERENCES wf_case (id),
  kind text NOT NULL CHECK (kind IN ('receipt', 'acceptance', 'rejection', 'correction', 'fee_notice',
                                     'approval', 'denial')),
  title text NOT NULL,
  -- 文号, from a per-unit, per-year, per-kind sequence.
  number text NOT NULL,
  -- What the document says (title, unit, date, addressee, paragraphs, table), fixed when it is issued.
  -- The PDF is rendered from it by a job right after the transaction (or at the first download), so
  -- issuing a document costs a row, not 30 ms of font subsetting, inside the request.
  content jsonb NOT NULL,
  file_id uuid REFERENCES platform_file (id),
  issued_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lic_document_application_idx ON lic_document (application_id, created_at);

-- 一单式收费: one payment notice per case.
CREATE TABLE lic_fee_notice (
  id uuid PRIMARY KEY,
  application_id uuid NOT NULL UNIQUE REFERENCES lic_application (id),
  case_id uuid NOT NULL UNIQUE REFERENCES wf_case (id),
  lines jsonb NOT NULL,
  -- The amount the item's fee standards give, and the amount due on the notice (equal unless waived).
  standard_fen bigint NOT NULL CHECK (standard_fen >= 0),
  total_fen bigint NOT NULL CHECK (total_fen >= 0),
  status text NOT NULL CHECK (status IN ('due', 'paid', 'waived')),
  document_id uuid REFERENCES lic_document (id),
  issued_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  paid_at timestamptz
);

CREATE TABLE lic_payment (
  id uuid PRIMARY KEY,
  notice_id uuid NOT NULL REFERENCES lic_fee_notice (id),
  application_id uuid NOT NULL REFERENCES lic_application (id),
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  standard_fen bigint NOT NULL,
  method text NOT NULL CHECK (method IN ('cash', 'pos', 'transfer', 'online')),
  reference text NOT NULL DEFAULT '',
  -- Staff who recorded it, or the payment adapter that confirmed it.
  recorded_by uuid REFERENCES idn_user (id),
  adapter text,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lic_payment_notice_idx ON lic_payment (notice_id);
-- A gateway's order number confirms one payment only, however often its notification arrives.
CREATE UNIQUE INDEX lic_payment_adapter_reference_idx ON lic_payment (adapter, reference) WHERE adapter IS NOT NULL;

-- 一次性告知: every missing or defective material in one request.
CREATE TABLE lic_correction (
  id uuid PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES lic_application (id),
  round int NOT NULL CHECK (round > 0),
  items jsonb NOT NULL,
  comment text,
  requested_by uuid REFERENCES idn_user (id),
  requested_at timestamptz NOT NULL,
  requested_on date NOT NULL,
  resolved_at timestamptz,
  document_id uuid REFERENCES lic_document (id),
  UNIQUE (application_id, round)
);

-- Orders placed with an online payment channel (PaymentAdapter, none built in): the order the
-- applicant pays, confirmed by the channel's signed notification or by querying the channel.
CREATE TABLE lic_payment_order (
  id uuid PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES lic_application (id),
  notice_id uuid NOT NULL REFERENCES lic_fee_notice (id),
  channel text NOT NULL,
  external_id text,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  status text NOT NULL CHECK (status IN ('created', 'paid', 'closed')),
  pay_url text,
  created_by uuid REFERENCES idn_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  paid_at timestamptz
);
CREATE INDEX lic_payment_order_application_idx ON lic_payment_order (application_id, created_at DESC);
