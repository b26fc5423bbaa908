// Two requests can pass the same "is it free?" check at once; the unique index then decides, and its
// violation must still read as the same 409 the check would have given.
import { identityErrors } from './identity.errors.ts';

const BY_CONSTRAINT: Record<string, () => Error> = {
  idn_user_username_idx: () => identityErrors.USERNAME_TAKEN('username'),
  idn_citizen_id_number_hash_key: () => identityErrors.ID_NUMBER_TAKEN('idNumber'),
  idn_enterprise_credit_code_key: () => identityErrors.CREDIT_CODE_TAKEN('creditCode'),
  idn_org_credit_code_idx: () => identityErrors.CREDIT_CODE_TAKEN('creditCode'),
  idn_org_region_code_idx: () => identityErrors.REGION_CODE_TAKEN('regionCode'),
  idn_role_code_key: () => identityErrors.ROLE_CODE_TAKEN('code'),
  idn_role_assignment_unique_idx: () => identityErrors.ASSIGNMENT_EXISTS('roleId'),
  idn_role_assignment_user_id_role_id_scope_scope_org_id_key: () =>
    identityErrors.ASSIGNMENT_EXISTS('roleId'),
};

export function mapUniqueViolation(e: unknown): unknown {
  const err = e as { code?: string; constraint?: string };
  if (err?.code === '23505' && err.constraint) {
    const make = BY_CONSTRAINT[err.constraint];
    if (make) return make();
  }
  return e;
}
