-- 好差评 (国办发〔2019〕51号, GB/T 39734-2020): the applicant rates a completed case once ("一事一评");
-- a bad rating (不满意 / 非常不满意) opens a rectification case on the engine for the unit that
-- handled it. Results are published per unit without the rater's identity.
CREATE TABLE rtg_rating (
  id uuid PRIMARY KEY,
  -- One rating per case.
  case_id uuid NOT NULL UNIQUE REFERENCES wf_case (id),
  case_number text NOT NULL,
  case_type text NOT NULL,
  subject text NOT NULL,
  -- The rated unit (the case's owning unit), with its path for scope filters.
  org_id uuid NOT NULL REFERENCES idn_org (id),
  org_path text NOT NULL,
  -- Kept for the follow-up visit and the feedback; never published.
  rater_user_id uuid NOT NULL REFERENCES idn_user (id),
  channel text NOT NULL DEFAULT 'online' CHECK (channel IN ('online', 'onsite')),
  -- 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意.
  score smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 500),
  -- Online service indicators (办事效率, 办事指南精确度, 办事便捷度, 平台操作性), each optional.
  efficiency smallint CHECK (efficiency BETWEEN 1 AND 5),
  guide_accuracy smallint CHECK (guide_accuracy BETWEEN 1 AND 5),
  convenience smallint CHECK (convenience BETWEEN 1 AND 5),
  usability smallint CHECK (usability BETWEEN 1 AND 5),
  rated_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  rectification_case_id uuid REFERENCES wf_case (id),
  rectification_status text NOT NULL DEFAULT 'none' CHECK (rectification_status IN ('none', 'open', 'rectified')),
  -- What the unit reported (整改情况 or 解释说明) and what the follow-up confirmed.
  rectification_note text,
  followup_note text,
  rectified_at timestamptz,
  CHECK ((score <= 2) = (rectification_status <> 'none'))
);
CREATE INDEX rtg_rating_period_idx ON rtg_rating (rated_on, org_id);
CREATE INDEX rtg_rating_org_path_idx ON rtg_rating (org_path text_pattern_ops, created_at DESC);
CREATE UNIQUE INDEX rtg_rating_rectification_idx ON rtg_rating (rectification_case_id)
  WHERE rectification_case_id IS NOT NULL;
