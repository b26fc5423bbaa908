// Password storage and the 等保 level-3 complexity rule (DOMAIN §8.1 身份鉴别 a: ≥ 8 characters,
// ≥ 3 character classes, no weak or default passwords).
//
// argon2id at the OWASP minimum (19 MiB, t=2, p=1): stronger settings would make every login cost
// seconds of CPU on the 2-core servers county governments typically run this on, and turn the login
// form into a denial-of-service lever. `needsRehash` lets a later increase apply at next login.

import * as argon2 from 'argon2';

const HASH_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Caps the work an attacker can force through a huge "password" field. */
export const MAX_PASSWORD_LENGTH = 128;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, HASH_OPTIONS);
}

/**
 * False for a wrong password and also for a stored value that is not an argon2 hash (e.g. a disabled
 * account's placeholder): a login must fail closed, not throw.
 */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  if (!storedHash.startsWith('$argon2')) return false;
  try {
    return await argon2.verify(storedHash, password);
  } catch {
    return false;
  }
}

/** True when the stored hash uses another variant or weaker (or just different) parameters. */
export function needsRehash(storedHash: string): boolean {
  if (!storedHash.startsWith('$argon2id$')) return true;
  try {
    return argon2.needsRehash(storedHash, {
      memoryCost: HASH_OPTIONS.memoryCost,
      timeCost: HASH_OPTIONS.timeCost,
      parallelism: HASH_OPTIONS.parallelism,
    });
  } catch {
    return true;
  }
}

export type PasswordPolicyCode =
  | 'too-short'
  | 'too-long'
  | 'too-few-classes'
  | 'contains-username'
  | 'common';

export interface PasswordPolicyViolation {
  code: PasswordPolicyCode;
  message: string;
}

/**
 * Passwords that satisfy the class rule yet top every leaked-password and default-credential list
 * for Chinese government systems. Compared case-insensitively.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  [
    'Password1! Password@1 Password@123 Passw0rd! P@ssw0rd P@ssword1 P@55w0rd Admin@123',
    'Admin@1234 Admin123! Admin@123456 admin123456 Root@123 Root@1234 Abc@123 Abc@1234',
    'Abc@123456 Abc123456 Abcd1234 Abcd@1234 abc123456 a123456789 Aa123456 Aa123456! Aa@123456',
    'Aa12345678 12345678Aa 12345678aA 123456Aa! Qq123456 Qwer1234 Qwer@1234 Qwe123!@#',
    'Qwerty123! 1qaz2wsx 1qaz@WSX 1qaz!QAZ 1q2w3e4r 1q2w3e4r! Zxcv1234 Zxc@123456 Asdf1234',
    'Welcome1! Welcome@123 Changeme1! Test@123 Test@1234 Huawei@123 Huawei12#$ Sys@123456',
    'System@123 Gov@123456 Zhengfu@123 Woaini1314 Woaini@1314',
  ]
    .join(' ')
    .toLowerCase()
    .split(' '),
);

const CLASS_TESTS: readonly RegExp[] = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/];

export function checkPasswordPolicy(
  password: string,
  options: { username?: string; minLength?: number } = {},
): PasswordPolicyViolation[] {
  // Configuration may raise the minimum but not lower it below the level-3 baseline.
  const minLength = Math.max(8, options.minLength ?? 8);
  const violations: PasswordPolicyViolation[] = [];
  const length = [...password].length;

  if (length < minLength) {
    violations.push({ code: 'too-short', message: `密码长度至少为${minLength}位` });
  }
  if (length > MAX_PASSWORD_LENGTH) {
    violations.push({ code: 'too-long', message: `密码长度不能超过${MAX_PASSWORD_LENGTH}位` });
  }
  const classes = CLASS_TESTS.filter((re) => re.test(password)).length;
  if (classes < 3) {
    violations.push({
      code: 'too-few-classes',
      message: '密码须包含大写字母、小写字母、数字、特殊字符中的至少三类',
    });
  }
  const username = options.username?.trim().toLowerCase() ?? '';
  // Very short usernames would forbid half the alphabet; three characters is where it starts to matter.
  if (username.length >= 3) {
    const lower = password.toLowerCase();
    const reversed = [...username].reverse().join('');
    if (lower.includes(username) || lower.includes(reversed)) {
      violations.push({ code: 'contains-username', message: '密码不能包含用户名' });
    }
  }
  if (COMMON_PASSWORDS.has(password.toLowerCase())) {
    violations.push({ code: 'common', message: '密码过于常见，容易被猜中，请更换' });
  }
  return violations;
}
