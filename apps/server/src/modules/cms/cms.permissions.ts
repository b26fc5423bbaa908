// Permissions of the website cluster. Each reaches over an organisation subtree: a site belongs to its
// owning unit, and a grant covers a site when the unit lies inside the grant's scope.
import { registerPermissions } from '../identity/index.ts';

export const CMS_ARTICLE_EDIT = 'cms.article.edit';
export const CMS_ARTICLE_REVIEW = 'cms.article.review';
export const CMS_SITE_MANAGE = 'cms.site.manage';

registerPermissions([
  { code: CMS_ARTICLE_EDIT, name: '撰写、修改、提交网站稿件，报送信息', group: '网站群', adminClass: null },
  {
    code: CMS_ARTICLE_REVIEW,
    name: '审核、发布、退回、撤下网站稿件，采用报送信息',
    group: '网站群',
    adminClass: null,
  },
  { code: CMS_SITE_MANAGE, name: '管理网站、栏目和栏目订阅', group: '网站群', adminClass: null },
]);

// The built-in roles 网站编辑 (cms_editor), 网站审核 (cms_reviewer) and 网站管理员 (cms_admin) are seeded by
// migration 20261124082000_cms.sql and described with the other built-in roles in identity.permissions.ts.
