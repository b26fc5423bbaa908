// Saves the application form of an item (the console's form editor). The definition is checked as a
// whole and refused with every problem named by its path under `form`.
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { validateFormDefinition } from '../forms/validate-definition.ts';
import { servicesErrors } from '../services.errors.ts';
import { SERVICE_MANAGE } from '../services.permissions.ts';
import { findItem } from '../services.repository.ts';
import { type Caller, requireItemReach } from '../services.scope.ts';
import type { ServiceItem } from '../services.types.ts';
import { changeItem } from './update-item.ts';

export async function saveItemForm(
  ctx: AppContext,
  caller: Caller,
  id: string,
  form: unknown,
  actor: Actor,
): Promise<ServiceItem> {
  const peek = await findItem(ctx.pool, id);
  requireItemReach(caller, SERVICE_MANAGE, peek?.org_path ?? null);
  const r = validateFormDefinition(form);
  if (!r.ok) {
    throw servicesErrors.FORM_INVALID(
      r.problems.map((x) => ({ field: x.path ? `form.${x.path}` : 'form', message: x.message })),
    );
  }
  return changeItem(ctx, caller, id, { form: r.definition }, actor, {
    action: 'service-item.form',
    summary: (n) => `修改政务服务事项“${n}”的申请表单`,
  });
}
