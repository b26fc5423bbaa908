-- 政府信息公开 (国务院令第711号): per unit a disclosure guide (公开指南, Art. 12), catalogue entries of
-- proactively disclosed information (公开目录, DOMAIN §1.6), requests for disclosure (依申请公开) as
-- cases on the engine with their legal facts kept here, and the yearly report (年度报告, 国办公开办函
-- 〔2021〕30号 template) with its entered data and published snapshot.

-- 公开指南: one per unit; the unit appears on the public disclosure pages once it has one.
CREATE TABLE dsc_guide (
  org_id uuid PRIMARY KEY REFERENCES idn_org (id),
  org_path text NOT NULL,
  -- The office that handles disclosure work (政府信息公开工作机构) and how to reach it.
  office_name text NOT NULL CHECK (length(office_name) BETWEEN 1 AND 100),
  address text NOT NULL DEFAULT '' CHECK (length(address) <= 200),
  office_hours text NOT NULL DEFAULT '' CHECK (length(office_hours) <= 200),
  phone text NOT NULL DEFAULT '' CHECK (length(phone) <= 50),
  fax text NOT NULL DEFAULT '' CHECK (length(fax) <= 50),
  email text NOT NULL DEFAULT '' CHECK (length(email) <= 100),
  postcode text NOT NULL DEFAULT '' CHECK (length(postcode) <= 10),
  -- Free text sections of the guide (分类与编排, 获取方式, 依申请公开程序 …), plain text paragraphs.
  intro text NOT NULL DEFAULT '' CHECK (length(intro) <= 5000),
  -- The short prefix of reply letter numbers, e.g. 丽政办 → 丽政办公复〔2026〕3号.
  letter_prefix text NOT NULL DEFAULT '' CHECK (length(letter_prefix) <= 20),
  -- Body named in the remedies sentence of reply letters (行政复议机关) and the court.
  reconsideration_body text NOT NULL DEFAULT '' CHECK (length(reconsideration_body) <= 100),
  litigation_court text NOT NULL DEFAULT '' CHECK (length(litigation_court) <= 100),
  -- The unit a request goes to when the applicant names none (one at most).
  default_for_requests boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX dsc_guide_default_idx ON dsc_guide (default_for_requests) WHERE default_for_requests;

-- 公开目录 entries. 索引号 is unique and never changes once generated.
CREATE TABLE dsc_catalogue_entry (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES idn_org (id),
  org_path text NOT NULL,
  index_number text NOT NULL UNIQUE CHECK (length(index_number) <= 60),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 2000),
  publisher text NOT NULL CHECK (length(publisher) BETWEEN 1 AND 100),
  written_on date NOT NULL,
  published_on date NOT NULL CHECK (published_on >= written_on),
  doc_number text NOT NULL DEFAULT '' CHECK (length(doc_number) <= 60),
  topic text NOT NULL CHECK (length(topic) <= 40),
  genre text NOT NULL CHECK (length(genre) <= 40),
  keywords text[] NOT NULL DEFAULT '{}',
  validity text NOT NULL DEFAULT '有效' CHECK (validity IN ('有效', '失效', '废止')),
  -- The day a 规章 or 规范性文件 was repealed or lapsed (annual report table 1 "本年废止件数").
  repealed_on date,
  disclosure_mode text NOT NULL DEFAULT '主动公开' CHECK (disclosure_mode IN ('主动公开', '依申请公开')),
  -- Full text on the website cluster (cms article; no foreign key across modules).
  article_id uuid,
  status text NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'withdrawn')),
  withdrawn_reason text,
  -- The officer who recorded it (null for imported and demo entries).
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  row_version integer NOT NULL DEFAULT 1
);
CREATE INDEX dsc_catalogue_org_idx ON dsc_catalogue_entry (org_id, published_on DESC);
CREATE INDEX dsc_catalogue_path_idx ON dsc_catalogue_entry (org_path text_pattern_ops, published_on DESC);

-- Art. 26: proactive disclosure within 20 working days of 形成或者变更之日. One alert per late entry.
CREATE TABLE dsc_alert (
  id uuid PRIMARY KEY,
  entry_id uuid NOT NULL UNIQUE REFERENCES dsc_catalogue_entry (id),
  org_id uuid NOT NULL REFERENCES idn_org (id),
  org_path text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('late_publication')),
  working_days integer NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX dsc_alert_path_idx ON dsc_alert (org_path text_pattern_ops, created_at DESC);

-- 依申请公开: the legal facts of a request; the case (wf_case) carries the steps, clock and timeline.
CREATE TABLE dsc_request (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL UNIQUE REFERENCES wf_case (id),
  case_number text NOT NULL,
  org_id uuid NOT NULL REFERENCES idn_org (id),
  org_path text NOT NULL,
  applicant_user_id uuid NOT NULL REFERENCES idn_user (id),
  -- Annual report columns: 自然人 or one of the 法人或其他组织 kinds.
  applicant_category text NOT NULL CHECK (applicant_category IN
    ('自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他')),
  -- Art. 29 (一): copied from the verified account at submission; identifiers encrypted.
  applicant_name text NOT NULL,
  applicant_id_enc text,
  applicant_phone_enc text,
  applicant_address text NOT NULL DEFAULT '',
  -- Art. 29 (二): name, 文号 or other describing features of the information asked for.
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
  doc_number text NOT NULL DEFAULT '',
  purpose text NOT NULL DEFAULT '',
  -- Art. 29 (三): form and way of provision.
  delivery text NOT NULL CHECK (delivery IN ('electronic', 'paper', 'mail', 'pickup', 'inspect')),
  channel text NOT NULL DEFAULT 'online' CHECK (channel IN ('online', 'counter', 'post', 'fax')),
  submitted_at timestamptz NOT NULL,
  -- Art. 31 收到申请之日.
  received_on date NOT NULL,
  -- Art. 30 补正: last notice, the deadline given to the applicant, and when the correction arrived.
  correction_count integer NOT NULL DEFAULT 0,
  correction_requested_on date,
  correction_due_on date,
  correction_text text,
  corrected_on date,
  -- Art. 33 ¶2: one extension, approved by the head of the disclosure office.
  extension_days integer CHECK (extension_days BETWEEN 1 AND 20),
  extension_reason text,
  extension_requested_on date,
  extension_approved_on date,
  -- Art. 36 outcome (DOMAIN §1.2 codes) and the reply letter (告知书).
  outcome text,
  replied_on date,
  reply_number text,
  reply_text jsonb,
  reply_file_id uuid REFERENCES platform_file (id),
  idempotency_key text,
  request_hash text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (applicant_user_id, idempotency_key)
);
CREATE INDEX dsc_request_applicant_idx ON dsc_request (applicant_user_id, submitted_at DESC);
CREATE INDEX dsc_request_org_year_idx ON dsc_request (org_id, received_on);

-- 年度报告: what the template asks to be entered (narratives, table 1 counts from other systems,
-- table 3 reconsideration and litigation, offline requests) and the published snapshot.
CREATE TABLE dsc_annual_report (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES idn_org (id),
  org_path text NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2008 AND 2100),
  narrative jsonb NOT NULL DEFAULT '{}',
  entered jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  published_tables jsonb,
  published_at timestamptz,
  published_by uuid REFERENCES idn_user (id),
  updated_at timestamptz NOT NULL,
  row_version integer NOT NULL DEFAULT 1,
  UNIQUE (org_id, year)
);

-- Roles: the unit's disclosure officer (政府信息公开工作人员) keeps the guide, catalogue and report and
-- handles requests; extensions are approved by the unit's 审批负责人 (approver role, case.extend.approve).
INSERT INTO idn_role (id, code, name, description, permissions, admin_class, builtin) VALUES
  ('01900000-0000-7000-8000-000000000031', 'disclosure_officer', '政府信息公开工作人员',
   '维护公开指南、公开目录和年度报告，办理依申请公开',
   ARRAY['org.read', 'inbox.read', 'file.read', 'case.read', 'task.handle', 'disclosure.catalogue.edit',
         'disclosure.request.handle', 'disclosure.report.edit'], NULL, true)
ON CONFLICT (code) DO NOTHING;
