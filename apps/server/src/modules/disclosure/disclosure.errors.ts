// Error codes of the 政府信息公开 module and their Chinese messages.
import { defineErrors } from '../../platform/http/errors.ts';

export const disclosureErrors = defineErrors({
  UNIT_NOT_FOUND: { status: 404, message: '该单位不存在或未开设政府信息公开' },
  ENTRY_NOT_FOUND: { status: 404, message: '公开目录条目不存在' },
  REQUEST_NOT_FOUND: { status: 404, message: '政府信息公开申请不存在' },
  REPORT_NOT_FOUND: { status: 404, message: '年度报告不存在或尚未发布' },
  ENTRY_INVALID: { status: 422, message: '公开目录条目内容不符合要求' },
  GUIDE_INVALID: { status: 422, message: '公开指南内容不符合要求' },
  REQUEST_INVALID: { status: 422, message: '政府信息公开申请内容不符合要求' },
  APPLICANT_ONLY: { status: 403, message: '请使用个人或法人账号提交政府信息公开申请' },
  INDEX_NUMBER_UNAVAILABLE: {
    status: 422,
    message: '该单位未登记统一社会信用代码，无法生成索引号，请先在组织机构中补充',
  },
  REPLY_INVALID: { status: 422, message: '答复内容不符合要求' },
  CORRECTION_TOO_LATE: {
    status: 422,
    message: '补正告知应自收到申请之日起 7 个工作日内一次性作出，已超过期限',
  },
  CORRECTION_NOT_EXPIRED: { status: 422, message: '补正期限尚未届满，不能以逾期未补正结案' },
  CORRECTION_NOT_EXPECTED: { status: 409, message: '该申请当前不需要补正' },
  EXTENSION_INVALID: { status: 422, message: '延期答复须写明理由，延长期限最长 20 个工作日' },
  EXTENSION_USED: { status: 409, message: '该申请已延期一次，不能再次延期' },
  EXTENSION_USE_ACTION: {
    status: 409,
    message:
      '政府信息公开申请的答复期限只能通过办理环节的“申请延期答复”操作延长（条例第三十三条：延长一次、最长 20 个工作日，须经政府信息公开工作机构负责人同意）',
  },
  FEE_INVALID: { status: 422, message: '信息处理费的计收方式或数量不符合要求' },
  FEE_NOT_DUE: { status: 422, message: '按《政府信息公开信息处理费管理办法》的标准，该申请无需收费' },
  FEE_ALREADY_CHARGED: { status: 409, message: '该申请已发出过收费通知' },
  FEE_TOO_LATE: { status: 422, message: '收费通知应在答复期限内发出' },
  FEE_NOT_EXPIRED: { status: 422, message: '缴费期限尚未届满，不能以逾期未缴费结案' },
  REPORT_CROSS_CHECK_FAILED: {
    status: 422,
    message: '年度报告第三项数据不满足勾稽关系（第一项 + 第二项 = 第三项 + 第四项），不能发布',
  },
  REPORT_INVALID: { status: 422, message: '年度报告内容不符合要求' },
  REPORT_PUBLISHED: { status: 409, message: '年度报告已发布，不能修改' },
  IDEMPOTENCY_CONFLICT: { status: 409, message: '相同的 Idempotency-Key 已用于内容不同的申请' },
});
