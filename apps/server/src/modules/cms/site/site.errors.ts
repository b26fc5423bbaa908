// Error codes of the public site theme API, with the Chinese messages people see.
import { defineErrors } from '../../../platform/http/errors.ts';

export const siteErrors = defineErrors({
  TEMPLATE_NOT_FOUND: { status: 404, message: '主题中没有这个模板' },
  TEMPLATE_INVALID: { status: 422, message: '模板有错误，未保存' },
  PREVIEW_PAGE_INVALID: { status: 422, message: '预览的页面不存在' },
});
