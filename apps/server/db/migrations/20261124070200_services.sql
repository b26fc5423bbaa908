-- Service items (政务服务事项 实施清单, DOMAIN §2.4): the guide of each item, its materials with
-- stable ids, its fees, limits, process and application form, and the history of published versions.

CREATE TABLE svc_item (
  id uuid PRIMARY KEY,
  -- 实施主体: the implementing unit, with its materialised path copied for scope filters.
  org_id uuid NOT NULL REFERENCES idn_org (id),
  org_path text NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- Codes are opaque (GB/T 39554.1 segment layouts vary by province): only their length and
  -- alphabet are checked. Field sizes follow the national sync schema (CATALOG_CODE, TASK_CODE,
  -- TASK_HANDLE_ITEM).
  basic_code text NOT NULL CHECK (basic_code ~ '^[0-9A-Za-z-]{1,20}$'),
  implementation_code text NOT NULL UNIQUE CHECK (implementation_code ~ '^[0-9A-Za-z-]{1,36}$'),
  handle_code text CHECK (handle_code ~ '^[0-9A-Za-z-]{1,50}$'),
  item_type text NOT NULL CHECK (item_type IN ('01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '20')),
  audience text[] NOT NULL DEFAULT '{}' CHECK (audience <@ ARRAY['person', 'enterprise']),
  themes text[] NOT NULL DEFAULT '{}',
  life_events text[] NOT NULL DEFAULT '{}',
  legal_basis text NOT NULL DEFAULT '',
  acceptance_conditions text NOT NULL DEFAULT '',
  quantity_limit text NOT NULL DEFAULT '',
  legal_limit_days int CHECK (legal_limit_days BETWEEN 0 AND 3650),
  legal_limit_unit text CHECK (legal_limit_unit IN ('working', 'natural')),
  legal_limit_note text NOT NULL DEFAULT '',
  promised_limit_days int CHECK (promised_limit_days BETWEEN 0 AND 3650),
  promised_limit_unit text CHECK (promised_limit_unit IN ('working', 'natural')),
  promised_limit_note text NOT NULL DEFAULT '',
  special_procedures jsonb NOT NULL DEFAULT '[]',
  process_description text NOT NULL DEFAULT '',
  -- 到办事现场次数 and why the applicant must come when it is not 0.
  visits_required int NOT NULL DEFAULT 0 CHECK (visits_required BETWEEN 0 AND 10),
  visits_explanation text NOT NULL DEFAULT '',
  -- 网上办理深度: 1 信息发布 … 4 全程网办.
  online_depth int NOT NULL DEFAULT 1 CHECK (online_depth BETWEEN 1 AND 4),
  locations jsonb NOT NULL DEFAULT '[]',
  consultation jsonb NOT NULL DEFAULT '{}',
  complaint jsonb NOT NULL DEFAULT '{}',
  remedies jsonb NOT NULL DEFAULT '{}',
  faq jsonb NOT NULL DEFAULT '[]',
  result jsonb NOT NULL DEFAULT '{}',
  fees jsonb NOT NULL DEFAULT '[]',
  -- The workflow process (wf_process.code) cases of this item run on.
  process_code text,
  form jsonb NOT NULL DEFAULT '{"sections":[]}',
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'suspended')),
  status_reason text,
  -- Number of the latest published version (0: never published).
  version int NOT NULL DEFAULT 0,
  published_at timestamptz,
  published_by uuid REFERENCES idn_user (id),
  created_by uuid REFERENCES idn_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((legal_limit_days IS NULL) = (legal_limit_unit IS NULL)),
  CHECK ((promised_limit_days IS NULL) = (promised_limit_unit IS NULL)),
  -- 承诺 ≤ 法定 when both are counted in the same unit.
  CHECK (legal_limit_unit IS DISTINCT FROM promised_limit_unit OR promised_limit_days <= legal_limit_days)
);
CREATE INDEX svc_item_org_path_idx ON svc_item (org_path text_pattern_ops);
CREATE INDEX svc_item_status_idx ON svc_item (status, org_id);

-- Materials keep their ids across edits; a removed material stays (removed_at) so applications that
-- named it still show its name.
CREATE TABLE svc_material (
  id uuid PRIMARY KEY,
  item_id uuid NOT NULL REFERENCES svc_item (id),
  sort_order int NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  necessity text NOT NULL CHECK (necessity IN ('required', 'optional', 'deferrable')),
  original_or_copy text NOT NULL CHECK (original_or_copy IN ('original', 'copy', 'both')),
  medium text NOT NULL CHECK (medium IN ('paper', 'electronic', 'both')),
  copies int NOT NULL DEFAULT 1 CHECK (copies BETWEEN 0 AND 99),
  source text NOT NULL CHECK (source IN ('applicant', 'government', 'other')),
  source_note text NOT NULL DEFAULT '',
  note text NOT NULL DEFAULT '',
  basis text NOT NULL DEFAULT '',
  acceptance_standard text NOT NULL DEFAULT '',
  blank_file_id uuid REFERENCES platform_file (id),
  sample_file_id uuid REFERENCES platform_file (id),
  removed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX svc_material_item_idx ON svc_material (item_id, sort_order) WHERE removed_at IS NULL;

-- 事项版本: the item as it was published, one row per version, for applications to refer back to.
CREATE TABLE svc_item_version (
  item_id uuid NOT NULL REFERENCES svc_item (id),
  version int NOT NULL CHECK (version > 0),
  snapshot jsonb NOT NULL,
  published_at timestamptz NOT NULL,
  published_by uuid REFERENCES idn_user (id),
  PRIMARY KEY (item_id, version)
);
