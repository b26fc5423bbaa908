// Error codes of the services module with their Chinese messages.
import { defineErrors } from '../../platform/http/errors.ts';

export const servicesErrors = defineErrors({
  ITEM_NOT_FOUND: { status: 404, message: '政务服务事项不存在或不在您的管理范围内' },
  REGION_NOT_FOUND: { status: 404, message: '行政区划代码不在本平台的行政区划列表中' },
  MATERIAL_NOT_FOUND: { status: 404, message: '申请材料不存在' },
  ITEM_INVALID: { status: 422, message: '事项内容未通过校验' },
  FORM_INVALID: { status: 422, message: '申请表单定义有误' },
  ITEM_INCOMPLETE: { status: 422, message: '事项信息不完整，不能发布' },
  IMPLEMENTATION_CODE_TAKEN: { status: 409, message: '实施编码已被其他事项使用' },
  ITEM_ALREADY_PUBLISHED: { status: 409, message: '事项已发布' },
  ITEM_NOT_PUBLISHED: { status: 409, message: '事项未发布，无需暂停' },
  ORG_NOT_IN_SCOPE: { status: 403, message: '实施机构不在您的管理范围内' },
});
