// Error codes of the licensing module with their Chinese messages. Messages that name a field label or
// a material are passed when the error is raised.
import { defineErrors } from '../../platform/http/errors.ts';

export const licensingErrors = defineErrors({
  APPLICANT_ONLY: { status: 403, message: '只有个人用户或法人用户可以提交申请' },
  IDEMPOTENCY_KEY_INVALID: {
    status: 400,
    message: '请求头 Idempotency-Key 须为 8–100 个可见字符，用于防止重复提交',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 409,
    message: '该 Idempotency-Key 已用于一次内容不同的提交；重新提交请使用新的 Idempotency-Key',
  },
  ITEM_NOT_FOUND: { status: 404, message: '事项不存在或未发布' },
  ITEM_NOT_FOR_APPLICANT: { status: 422, message: '该事项不面向您的用户类型办理' },
  FORM_INVALID: { status: 422, message: '申请表填写有误，请按提示修改' },
  MATERIALS_INVALID: { status: 422, message: '申请材料有误，请按提示修改' },
  APPLICATION_NOT_FOUND: { status: 404, message: '申请不存在' },
  DOCUMENT_NOT_FOUND: { status: 404, message: '文书不存在' },
  FILE_NOT_FOUND: { status: 404, message: '文件不存在' },
  DRAFT_NOT_FOUND: { status: 404, message: '草稿不存在' },
  DRAFT_INVALID: { status: 422, message: '草稿内容不符合要求' },
  DRAFT_LIMIT: { status: 422, message: '草稿数量已达上限，请先删除不需要的草稿' },
  NOT_IN_CORRECTION: { status: 409, message: '该申请当前不需要补正，不能重新提交材料' },
  NOT_WITHDRAWABLE: { status: 409, message: '该申请已作出决定或已结束，不能撤回' },
  CORRECTION_ITEMS_INVALID: { status: 422, message: '一次性告知须逐项列出需要补正的全部材料及问题' },
  CORRECTION_TOO_LATE: {
    status: 422,
    message:
      '已超过收到申请材料之日起5个工作日，依《行政许可法》第三十二条，逾期不告知的自收到申请材料之日起即为受理，不能再要求补正',
  },
  COMMENT_REQUIRED: { status: 422, message: '请填写理由' },
  FEE_NOTICE_NOT_FOUND: { status: 404, message: '该申请没有缴费通知' },
  PAYMENT_ORDER_NOT_FOUND: { status: 404, message: '支付订单不存在' },
  PAYMENT_CHANNEL_FAILED: { status: 502, message: '支付渠道暂时无法处理，请稍后重试或到窗口缴费' },
  FEE_NOT_DUE: { status: 409, message: '该申请当前没有待缴的费用' },
  FEE_AMOUNT_MISMATCH: { status: 422, message: '缴费金额与应缴金额不一致' },
  PAYMENT_ADAPTER_NOT_FOUND: { status: 404, message: '未配置该在线支付渠道' },
  PAYMENT_NOTIFICATION_INVALID: { status: 400, message: '支付通知校验未通过' },
});
