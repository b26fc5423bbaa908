// Domain rules on identity input: what a schema cannot say (check digits, the password policy, what a
// person's name may contain). Each rule reports the field it concerns, so a form can point at it.
import { checkPasswordPolicy } from '../../platform/crypto/password.ts';
import { AppError, type ErrorDetail, platformErrors } from '../../platform/http/errors.ts';
import { validateCreditCode } from '../../platform/ids/gb32100.ts';
import { validateMobile } from '../../platform/ids/phone.ts';
import { identityErrors } from './identity.errors.ts';

type ErrorCode = keyof typeof identityErrors;

/** Collects rule failures so one answer names every field that needs fixing. */
export class Problems {
  readonly #items: { code: ErrorCode; detail: ErrorDetail }[] = [];

  add(code: ErrorCode, field: string, message?: string): void {
    this.#items.push({ code, detail: { field, message: message ?? identityErrors[code]().userMessage } });
  }

  get empty(): boolean {
    return this.#items.length === 0;
  }

  /** One code when every failure shares it, otherwise the generic UNPROCESSABLE with all details. */
  throwIfAny(): void {
    if (this.#items.length === 0) return;
    const details = this.#items.map((i) => i.detail);
    const codes = new Set(this.#items.map((i) => i.code));
    const first = this.#items[0]!;
    if (codes.size === 1) {
      const base = identityErrors[first.code]();
      throw new AppError(first.code, {
        status: base.status,
        userMessage: details.length === 1 ? first.detail.message : base.userMessage,
        details,
      });
    }
    throw platformErrors.UNPROCESSABLE(details);
  }
}

const USERNAME_RE = /^[A-Za-z][A-Za-z0-9_.-]{3,31}$/;

export function checkUsername(p: Problems, username: string, field = 'username'): void {
  if (!USERNAME_RE.test(username)) p.add('USERNAME_INVALID', field);
}

// Letters of any script (Han, Latin, Uyghur …) with combining marks, the 间隔号 used in transliterated
// names, and spaces. Markup, digits and punctuation are not part of anyone's legal name.
const PERSON_NAME_RE = /^[\p{L}\p{M}][\p{L}\p{M}·•・ ]*[\p{L}\p{M}]$/u;

export function checkPersonName(p: Problems, name: string, field: string): string {
  const v = name.normalize('NFC').trim();
  const len = [...v].length;
  if (len < 2 || len > 30 || !PERSON_NAME_RE.test(v)) p.add('NAME_INVALID', field);
  return v;
}

// Organisation and enterprise names carry digits and brackets (（丽水）有限公司) but never markup.
const ORG_NAME_RE = /^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}·•・（）()&、\-. ]*$/u;

export function checkOrgName(p: Problems, name: string, field: string): string {
  const v = name.normalize('NFC').trim();
  const len = [...v].length;
  if (len < 2 || len > 100 || !ORG_NAME_RE.test(v)) {
    p.add('NAME_INVALID', field, '名称须为 2–100 个字，只能包含文字、数字、括号、间隔号和空格');
  }
  return v;
}

export function checkPassword(
  p: Problems,
  password: string,
  username: string | undefined,
  field = 'password',
): void {
  for (const v of checkPasswordPolicy(password, { username })) p.add('PASSWORD_POLICY', field, v.message);
}

export function checkMobile(p: Problems, phone: string, field = 'phone'): string | null {
  const r = validateMobile(phone);
  if (!r.ok) {
    p.add('PHONE_INVALID', field, r.reason);
    return null;
  }
  return r.normalized;
}

/**
 * A unified social credit code. A code that fails only its last check character is accepted when
 * `acceptCheckDigitOnly` (the caller may vouch for it) and a note explains why (DOMAIN §7.2: early
 * pilot codes legally issued with a wrong check character).
 */
export function checkCreditCode(
  p: Problems,
  code: string,
  opts: {
    field?: string;
    acceptCheckDigitOnly: boolean;
    note?: string | null;
    noteField?: string;
    contactDesk?: boolean;
  },
): { code: string; note: string | null } | null {
  const field = opts.field ?? 'creditCode';
  const r = validateCreditCode(code);
  if (r.ok) return { code: r.normalized, note: null };
  const note = opts.note?.trim() ?? '';
  if (r.checkDigitOnly && r.normalized && opts.acceptCheckDigitOnly) {
    if (note.length >= 2) return { code: r.normalized, note };
    p.add(
      'CREDIT_CODE_INVALID',
      opts.noteField ?? 'creditCodeNote',
      '该代码最后一位校验码不正确；如确为登记机关颁发的早期代码，请在“代码说明”中注明核验情况后再提交',
    );
    return null;
  }
  p.add(
    'CREDIT_CODE_INVALID',
    field,
    opts.contactDesk && r.checkDigitOnly
      ? '统一社会信用代码校验码不正确。如您的营业执照上的代码确实如此，请携带执照原件到政务服务中心登记窗口办理注册'
      : r.reason,
  );
  return null;
}
