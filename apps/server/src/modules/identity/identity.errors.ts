// Error codes of the identity module with their Chinese messages. Messages that depend on the
// situation (a lock's end time, which check failed) are passed when the error is raised.
import { defineErrors } from '../../platform/http/errors.ts';

export const identityErrors = defineErrors({
  INVALID_CREDENTIALS: { status: 401, message: '用户名或密码错误' },
  OTP_REQUIRED: { status: 401, message: '该账号已启用双因素认证，请输入动态口令' },
  OTP_INVALID: { status: 401, message: '动态口令错误或已使用，请输入验证器中最新的 6 位数字' },
  ACCOUNT_LOCKED: { status: 423, message: '登录失败次数过多，账号已被锁定' },
  ACCOUNT_DISABLED: { status: 403, message: '账号已停用，请联系管理员' },
  SESSION_EXPIRED: { status: 401, message: '登录已超时，请重新登录' },
  CURRENT_PASSWORD_WRONG: { status: 422, message: '当前密码不正确' },
  PASSWORD_POLICY: { status: 422, message: '密码不符合安全要求' },
  PASSWORD_REUSED: { status: 422, message: '新密码不能与当前密码相同' },
  TOTP_ALREADY_ENABLED: { status: 409, message: '已启用双因素认证；如需更换验证器，请联系安全管理员重置' },
  OTP_MISMATCH: { status: 422, message: '动态口令不正确，请确认验证器已添加密钥且手机时间准确' },
  TOTP_NOT_SET_UP: { status: 422, message: '请先获取双因素认证密钥并在验证器中添加' },
  USERNAME_INVALID: {
    status: 422,
    message: '用户名须为 4–32 位字母、数字或 _ . -，并以字母开头',
  },
  USERNAME_TAKEN: { status: 409, message: '该用户名已被使用' },
  NAME_INVALID: { status: 422, message: '姓名须为 2–30 个字，只能包含文字、间隔号“·”和空格' },
  ID_NUMBER_INVALID: { status: 422, message: '身份证号码不正确' },
  ID_NUMBER_TAKEN: { status: 409, message: '该身份证号码已注册账号，请直接登录或找回密码' },
  PHONE_INVALID: { status: 422, message: '手机号码不正确' },
  CREDIT_CODE_INVALID: { status: 422, message: '统一社会信用代码不正确' },
  CREDIT_CODE_TAKEN: { status: 409, message: '该统一社会信用代码已被使用' },
  REGION_CODE_INVALID: { status: 422, message: '行政区划代码不正确' },
  REGION_CODE_TAKEN: { status: 409, message: '该行政区划代码已有对应的组织机构' },
  ORG_KIND_INVALID: { status: 422, message: '组织机构类型与上级机构不匹配' },
  ORG_HAS_CHILDREN: { status: 409, message: '该机构下还有下级机构，不能删除' },
  ORG_HAS_STAFF: { status: 409, message: '该机构下还有工作人员账号，不能删除' },
  ORG_IN_USE: { status: 409, message: '该机构仍被角色授权或业务数据引用，不能删除' },
  SYSADMIN_EXISTS: { status: 409, message: '系统管理员已存在，不能重复初始化' },
  SEPARATION_OF_DUTIES: {
    status: 422,
    message:
      '违反三员分立：同一账号不能兼任系统管理员、安全管理员、审计管理员中的两种，管理员也不能兼任业务角色',
  },
  SELF_ASSIGNMENT: { status: 403, message: '不能为自己分配或撤销角色' },
  SELF_CHANGE: { status: 422, message: '不能对自己的账号执行此操作' },
  ASSIGNMENT_EXISTS: { status: 409, message: '该用户已在相同范围内持有此角色' },
  ROLE_READ_ONLY: { status: 422, message: '内置角色不能修改' },
  ROLE_CODE_TAKEN: { status: 409, message: '角色代码已被使用' },
  PERMISSION_UNKNOWN: { status: 422, message: '包含不存在的权限' },
  SCOPE_INVALID: { status: 422, message: '授权范围不正确' },
  STAFF_ONLY: { status: 422, message: '此操作只适用于工作人员账号' },
});
