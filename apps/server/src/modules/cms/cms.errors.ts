// Error codes of the website cluster, with the Chinese messages people see.
import { defineErrors } from '../../platform/http/errors.ts';

export const cmsErrors = defineErrors({
  SITE_NOT_FOUND: { status: 404, message: '网站不存在' },
  COLUMN_NOT_FOUND: { status: 404, message: '栏目不存在' },
  ARTICLE_NOT_FOUND: { status: 404, message: '稿件不存在' },
  PUSH_NOT_FOUND: { status: 404, message: '报送记录不存在' },
  SUBSCRIPTION_NOT_FOUND: { status: 404, message: '栏目订阅不存在' },
  SITE_INVALID: { status: 422, message: '网站信息不符合要求' },
  COLUMN_INVALID: { status: 422, message: '栏目信息不符合要求' },
  ARTICLE_INVALID: { status: 422, message: '稿件内容不符合要求' },
  SITE_CODE_TAKEN: { status: 409, message: '网站代码、网站标识码或域名已被其他网站使用' },
  COLUMN_CODE_TAKEN: { status: 409, message: '本网站已有相同代码的栏目' },
  COLUMN_NOT_EMPTY: { status: 409, message: '栏目下还有子栏目或稿件，不能删除' },
  WRONG_STATE: { status: 409, message: '稿件当前状态不允许此操作' },
  SAME_REVIEWER: { status: 409, message: '二级审核须由另一位审核人完成' },
  PUSH_DECIDED: { status: 409, message: '该报送已处理' },
  PUSH_DUPLICATE: { status: 409, message: '该稿件已报送到此栏目，正在等待处理' },
  SUBSCRIPTION_EXISTS: { status: 409, message: '该栏目已订阅此来源栏目' },
  MONTH_INVALID: { status: 422, message: '统计月份应为 YYYY-MM' },
});
