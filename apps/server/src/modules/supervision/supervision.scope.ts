// Where a supervisor may look: the reach of supervision.read (or .order), optionally narrowed to one
// unit's subtree. A unit outside the reach is reported as not found, as for any other record.
import type { AppContext } from '../../platform/context.ts';
import { prefixPattern } from '../../platform/db/like.ts';
import {
  orgInReach,
  type Principal,
  type Reach,
  reachSql,
  requireReach,
} from '../../platform/http/principal.ts';
import { orgPathOf } from '../identity/index.ts';
import { supervisionErrors } from './supervision.errors.ts';

export interface Scope {
  reach: Reach;
  /** Subtree of the unit chosen in a filter, already checked to lie inside the reach. */
  orgPath: string | null;
}

export async function supervisionScope(
  ctx: AppContext,
  principal: Principal | null | undefined,
  orgId: string | undefined,
  permission = 'supervision.read',
): Promise<Scope> {
  const reach = requireReach(principal, permission);
  if (!orgId) return { reach, orgPath: null };
  const path = await orgPathOf(ctx, orgId);
  if (!path || !orgInReach(reach, path)) throw supervisionErrors.ORG_NOT_FOUND('orgId');
  return { reach, orgPath: path };
}

/** SQL restricting a path column to the scope, with parameters numbered from `firstParam`. */
export function scopeSql(scope: Scope, column: string, firstParam: number): [string, unknown[]] {
  const [reachCond, reachParams] = reachSql(scope.reach, column, firstParam);
  if (!scope.orgPath) return [reachCond, reachParams];
  const n = firstParam + reachParams.length;
  return [`(${reachCond} AND ${column} LIKE $${n})`, [...reachParams, prefixPattern(scope.orgPath)]];
}

/** Builds numbered parameters for a WHERE clause as it grows. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
  scope(scope: Scope, column: string): string {
    const [sql, params] = scopeSql(scope, column, this.values.length + 1);
    this.values.push(...params);
    return sql;
  }
}
