import type { FormRule } from 'antd';

// Mirrors the server's password policy (等保三级 baseline): at least 8 characters and three of the four
// character classes. The server may be configured stricter and also refuses passwords containing the
// username or on its common-password list; its 422 answer names the field and the forms show it there.
const CLASS_TESTS = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/];

export const PASSWORD_RULES: FormRule[] = [
  { required: true, message: '请输入密码' },
  { min: 8, message: '密码长度至少为 8 位' },
  { max: 128, message: '密码长度不能超过 128 位' },
  {
    validator: (_, value: string | undefined) =>
      !value || CLASS_TESTS.filter((re) => re.test(value)).length >= 3
        ? Promise.resolve()
        : Promise.reject(new Error('密码须包含大写字母、小写字母、数字、特殊字符中的至少三类')),
  },
];

export const PASSWORD_HINT = '至少 8 位，含大写字母、小写字母、数字、特殊字符中的至少三类，不能包含用户名';
