-- Site health (网站健康检查) against the national inspection index (《政府网站与政务新媒体检查指标》,
-- 国办秘函〔2019〕19号): one run per site and check, with its findings. Runs are written by the health
-- job (daily, or on demand by a site administrator); findings are never edited, only replaced by the
-- next run. Old runs are purged by the job (see modules/cms/health/health.queries.ts).

CREATE TABLE cms_health_run (
  id uuid PRIMARY KEY,
  site_id uuid NOT NULL REFERENCES cms_site (id),
  trigger text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
  status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  requested_by uuid,
  -- pass 合格, fail 不合格（单项否决）, rectify 需整改; null until done.
  verdict text CHECK (verdict IN ('pass', 'fail', 'rectify')),
  veto_count int NOT NULL DEFAULT 0,
  deduction_count int NOT NULL DEFAULT 0,
  warning_count int NOT NULL DEFAULT 0,
  pages_crawled int NOT NULL DEFAULT 0,
  links_checked int NOT NULL DEFAULT 0,
  -- Links found but not checked (over the per-run cap, or the target refused with 429).
  links_skipped int NOT NULL DEFAULT 0,
  -- Why the crawl could not run (no web process and no public URL), or why the run failed.
  note text,
  created_at timestamptz NOT NULL,
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX cms_health_run_site_idx ON cms_health_run (site_id, created_at DESC);
-- At most one queued or running check per site.
CREATE UNIQUE INDEX cms_health_run_live_idx ON cms_health_run (site_id) WHERE status IN ('queued', 'running');

CREATE TABLE cms_health_finding (
  id uuid PRIMARY KEY,
  run_id uuid NOT NULL REFERENCES cms_health_run (id) ON DELETE CASCADE,
  sort int NOT NULL,
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z-]{1,39}$'),
  -- Name of the 检查指标 item it breaks, e.g. 首页不更新, 栏目不更新, 链接可用性.
  indicator text NOT NULL,
  severity text NOT NULL CHECK (severity IN ('veto', 'deduction', 'warning')),
  url text,
  column_id uuid,
  column_name text,
  detail text NOT NULL,
  -- Console path where the problem is fixed.
  fix_path text,
  UNIQUE (run_id, sort)
);
