-- The website cluster (集约化平台, 国办发〔2017〕47号): sites, their column trees, articles with an
-- editorial workflow and every revision kept, push between sites (信息报送) and column subscriptions.
-- Other modules read these tables only through modules/cms/index.ts.

CREATE TABLE cms_site (
  id uuid PRIMARY KEY,
  -- URL slug: the city portal is 'lishui', counties e.g. 'qingtian'; /sites/{code}/ when no domain is used.
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9-]{1,39}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  -- 网站标识码: 6-digit region code + 4-digit sequence, or 'bm' + 8 digits for central departments.
  site_code text NOT NULL UNIQUE CHECK (site_code ~ '^([0-9]{10}|bm[0-9]{8})$'),
  domains text[] NOT NULL DEFAULT '{}',
  -- The owning unit (主办/承办) and its path: editors and reviewers are scoped by it.
  org_id uuid NOT NULL REFERENCES idn_org (id),
  org_path text NOT NULL,
  theme text NOT NULL DEFAULT 'default' CHECK (theme ~ '^[a-z][a-z0-9-]{0,39}$'),
  -- sponsor 主办单位, organiser 承办单位, icp, psb 公安备案号, phone, address, email.
  footer jsonb NOT NULL DEFAULT '{}',
  is_default boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Exactly one default site (the city portal, served at /); the code makes sure one exists.
CREATE UNIQUE INDEX cms_site_default_idx ON cms_site (is_default) WHERE is_default;
CREATE INDEX cms_site_domains_idx ON cms_site USING gin (domains);
CREATE INDEX cms_site_org_path_idx ON cms_site (org_path text_pattern_ops);

CREATE TABLE cms_column (
  id uuid PRIMARY KEY,
  site_id uuid NOT NULL REFERENCES cms_site (id),
  parent_id uuid REFERENCES cms_column (id),
  code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9-]{0,39}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  kind text NOT NULL CHECK (kind IN ('news', 'notice', 'policy', 'disclosure', 'interaction', 'link', 'page')),
  sort int NOT NULL DEFAULT 0,
  -- Expected update interval in natural days (政务动态 2 weeks, 通知公告 and 政策文件 6 months); null: none.
  update_days int CHECK (update_days BETWEEN 1 AND 3650),
  review_levels smallint NOT NULL DEFAULT 1 CHECK (review_levels BETWEEN 0 AND 2),
  link_url text CHECK (link_url IS NULL OR length(link_url) <= 500),
  required_as text CHECK (required_as IN ('概况信息', '机构职能', '负责人信息', '文件资料', '政务动态',
                                          '政府信息公开', '办事服务', '互动交流')),
  -- Last time an article of this column was published (site health: stale columns).
  last_published_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (site_id, code),
  CHECK (kind <> 'link' OR link_url IS NOT NULL)
);
CREATE INDEX cms_column_site_idx ON cms_column (site_id, parent_id, sort);

CREATE TABLE cms_article (
  id uuid PRIMARY KEY,
  site_id uuid NOT NULL REFERENCES cms_site (id),
  column_id uuid NOT NULL REFERENCES cms_column (id),
  -- The site's owning unit path, for scope filters of console lists.
  org_path text NOT NULL,
  -- Workflow state of the working copy. What the public sees is the revision public_revision.
  status text NOT NULL CHECK (status IN ('draft', 'submitted', 'reviewed', 'returned', 'scheduled',
                                         'published', 'withdrawn', 'expired')),
  -- Working copy (latest revision), mirrored here for lists and the workflow.
  title text NOT NULL,
  subtitle text NOT NULL DEFAULT '',
  source text NOT NULL DEFAULT '',
  author text NOT NULL DEFAULT '',
  tags text[] NOT NULL DEFAULT '{}',
  body text NOT NULL DEFAULT '',
  cover_file_id uuid,
  video_file_id uuid,
  attachments jsonb NOT NULL DEFAULT '[]',
  -- Policy document (文件资料): 文号, 成文日期, 有效性, and the 政策解读 articles that explain it.
  doc_number text,
  written_on date,
  validity text CHECK (validity IN ('valid', 'invalid', 'repealed')),
  interpretation_ids uuid[] NOT NULL DEFAULT '{}',
  publish_at timestamptz,
  expires_at timestamptz,
  -- Latest revision number and the one on the public page (null: never published).
  revision int NOT NULL DEFAULT 1,
  public_revision int,
  review_levels smallint NOT NULL DEFAULT 1,
  -- Review levels passed for the submitted revision, and who passed level 1 (level 2 is someone else).
  reviews_done smallint NOT NULL DEFAULT 0,
  level1_reviewer_id uuid,
  return_reason text,
  withdraw_reason text,
  withdrawn_at timestamptz,
  -- Set when expires_at passed: the page is gone and the article is out of lists and search.
  expired_at timestamptz,
  first_published_at timestamptz,
  published_at timestamptz,
  -- A linked copy (accepted push or column subscription) names its source and credits it.
  copy_of uuid REFERENCES cms_article (id),
  copy_kind text CHECK (copy_kind IN ('push', 'subscription')),
  credit text,
  created_by uuid,
  updated_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((copy_of IS NULL) = (copy_kind IS NULL))
);
CREATE INDEX cms_article_public_idx ON cms_article (site_id, column_id, published_at DESC)
  WHERE public_revision IS NOT NULL AND withdrawn_at IS NULL AND expired_at IS NULL;
CREATE INDEX cms_article_console_idx ON cms_article (org_path text_pattern_ops, updated_at DESC);
CREATE INDEX cms_article_scheduled_idx ON cms_article (publish_at) WHERE status = 'scheduled';
CREATE INDEX cms_article_expiry_idx ON cms_article (expires_at) WHERE expires_at IS NOT NULL;
-- One linked copy of an article per column (a second push or subscription does not duplicate it).
CREATE UNIQUE INDEX cms_article_copy_idx ON cms_article (copy_of, column_id) WHERE copy_of IS NOT NULL;

-- Every saved version of an article, never changed once written.
CREATE TABLE cms_article_revision (
  id uuid PRIMARY KEY,
  article_id uuid NOT NULL REFERENCES cms_article (id),
  number int NOT NULL CHECK (number >= 1),
  title text NOT NULL,
  body text NOT NULL,
  -- The other fields of the version (subtitle, source, author, tags, files, policy fields, times).
  fields jsonb NOT NULL DEFAULT '{}',
  -- Files the version shows publicly (cover, video, attachments, images in the body).
  file_ids uuid[] NOT NULL DEFAULT '{}',
  note text NOT NULL DEFAULT '',
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (article_id, number)
);
CREATE INDEX cms_article_revision_files_idx ON cms_article_revision USING gin (file_ids);

-- 信息报送: an article of one site offered to a column of another.
CREATE TABLE cms_push (
  id uuid PRIMARY KEY,
  article_id uuid NOT NULL REFERENCES cms_article (id),
  source_site_id uuid NOT NULL REFERENCES cms_site (id),
  -- The sending unit (the source site's owning unit) for adoption statistics.
  source_org_id uuid NOT NULL REFERENCES idn_org (id),
  target_site_id uuid NOT NULL REFERENCES cms_site (id),
  target_column_id uuid NOT NULL REFERENCES cms_column (id),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'returned')),
  reason text,
  copy_article_id uuid REFERENCES cms_article (id),
  pushed_by uuid,
  pushed_at timestamptz NOT NULL,
  decided_by uuid,
  decided_at timestamptz,
  CHECK (source_site_id <> target_site_id)
);
CREATE UNIQUE INDEX cms_push_pending_idx ON cms_push (article_id, target_column_id) WHERE status = 'pending';
CREATE INDEX cms_push_target_idx ON cms_push (target_site_id, pushed_at DESC);
CREATE INDEX cms_push_source_idx ON cms_push (source_site_id, pushed_at DESC);

-- A column that takes every article newly published in a column of another site, as linked copies.
CREATE TABLE cms_subscription (
  id uuid PRIMARY KEY,
  column_id uuid NOT NULL REFERENCES cms_column (id),
  source_column_id uuid NOT NULL REFERENCES cms_column (id),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (column_id, source_column_id),
  CHECK (column_id <> source_column_id)
);
CREATE INDEX cms_subscription_source_idx ON cms_subscription (source_column_id);

-- Built-in roles of the website cluster (ids fixed, see cms.permissions.ts CMS_ROLES).
INSERT INTO idn_role (id, code, name, description, permissions, admin_class, builtin) VALUES
  ('01900000-0000-7000-8000-000000000021', 'cms_editor', '网站编辑',
   '撰写、修改和提交本单位网站的稿件，向其他网站报送信息',
   ARRAY['org.read', 'inbox.read', 'file.read', 'cms.article.edit'], NULL, true),
  ('01900000-0000-7000-8000-000000000022', 'cms_reviewer', '网站审核',
   '审核、发布、退回和撤下本单位网站的稿件，采用其他网站报送的信息',
   ARRAY['org.read', 'inbox.read', 'file.read', 'cms.article.edit', 'cms.article.review'], NULL, true),
  ('01900000-0000-7000-8000-000000000023', 'cms_admin', '网站管理员',
   '管理本单位的网站、栏目、页脚标识和栏目订阅',
   ARRAY['org.read', 'inbox.read', 'file.read', 'cms.site.manage'], NULL, true)
ON CONFLICT (code) DO NOTHING;
