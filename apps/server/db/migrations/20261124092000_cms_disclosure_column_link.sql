-- The required column 政府信息公开 of every site leads to the disclosure module's pages of the site's
-- owning unit (/disclosure/{org_id}: 公开指南, with 公开目录 and 年度报告 beside it) instead of being an
-- article column of its own; new sites get it so (REQUIRED_COLUMNS in modules/cms/cms.model.ts). A
-- column someone already filled (articles, sub-columns, subscriptions, pushes) is left as it is: its
-- site manager decides.
UPDATE cms_column c
   SET kind = 'link',
       link_url = '/disclosure/' || s.org_id::text,
       update_days = NULL,
       updated_at = now()
  FROM cms_site s
 WHERE c.site_id = s.id
   AND c.required_as = '政府信息公开'
   AND c.kind = 'disclosure'
   AND NOT EXISTS (SELECT 1 FROM cms_column ch WHERE ch.parent_id = c.id)
   AND NOT EXISTS (SELECT 1 FROM cms_article a WHERE a.column_id = c.id)
   AND NOT EXISTS (SELECT 1 FROM cms_subscription sub WHERE sub.column_id = c.id OR sub.source_column_id = c.id)
   AND NOT EXISTS (SELECT 1 FROM cms_push p WHERE p.target_column_id = c.id);
