// Error codes of site health, with the Chinese messages people see.
import { defineErrors } from '../../../platform/http/errors.ts';

export const healthErrors = defineErrors({
  HEALTH_SITE_NOT_FOUND: { status: 404, message: '网站不存在' },
  HEALTH_SITE_CLOSED: { status: 409, message: '网站已关闭，不再进行健康检查' },
});
