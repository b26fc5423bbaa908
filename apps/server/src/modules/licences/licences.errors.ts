// Error codes of the electronic licence module.
import { defineErrors } from '../../platform/http/errors.ts';

export const licenceErrors = defineErrors({
  LICENCE_NOT_FOUND: { status: 404, message: '未找到该电子证照，请核对证照编号' },
  LICENCE_ALREADY_REVOKED: { status: 409, message: '该电子证照已注销' },
  REVOKE_REASON_REQUIRED: { status: 422, message: '请填写注销原因（2–500 字）' },
  HOLDER_CODE_INVALID: { status: 422, message: '持证主体的证件号码不正确' },
  VALIDITY_INVALID: { status: 422, message: '有效期不正确：截止日期不能早于起始日期' },
  LICENCE_INPUT_INVALID: { status: 422, message: '电子证照信息不完整' },
});
