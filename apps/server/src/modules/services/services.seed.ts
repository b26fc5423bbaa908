// Demo service items of 丽水市 and 青田县 (runs after the identity seed, on first start): each item
// with its process (created through the case engine) and published through the same use cases staff
// use, so every item is complete, audited and announced. Other seeds find the items by name.
import { type Actor, systemActor } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { maybeOne, type Queryable, withTx } from '../../platform/db/pool.ts';
import { createPublishedProcess } from '../workflow/index.ts';
import { DEMO_ITEMS } from './seed/demo-items.ts';
import { demoProcessDefinition } from './seed/demo-processes.ts';
import { SYSTEM_CALLER } from './services.scope.ts';
import { createItem } from './use-cases/create-item.ts';
import { publishItem } from './use-cases/publish-item.ts';

const actor: Actor = { ...systemActor, name: '演示数据初始化' };

interface OrgByName {
  id: string;
  credit_code: string | null;
  region_code: string | null;
}

async function orgByName(db: Queryable, name: string): Promise<OrgByName | null> {
  return maybeOne<OrgByName>(db, `SELECT id, credit_code, region_code FROM idn_org WHERE name = $1`, [name]);
}

export async function seedServicesDemo(ctx: AppContext, progress: (msg: string) => void): Promise<void> {
  if (await maybeOne(ctx.pool, 'SELECT 1 FROM svc_item LIMIT 1')) {
    progress('演示数据：政务服务事项已存在，跳过');
    return;
  }
  let done = 0;
  for (const d of DEMO_ITEMS) {
    const org = await orgByName(ctx.pool, d.orgName);
    const partner = d.partnerOrgName ? await orgByName(ctx.pool, d.partnerOrgName) : null;
    if (!org || (d.partnerOrgName && !partner)) {
      progress(
        `演示数据：缺少机构“${d.partnerOrgName && !partner ? d.partnerOrgName : d.orgName}”，跳过事项“${d.input.name}”`,
      );
      continue;
    }
    const definition = demoProcessDefinition(
      d.process,
      partner ? { lead: org.id, partner: partner.id } : undefined,
    );
    await withTx(ctx.pool, async (tx) => {
      if (await maybeOne(tx, 'SELECT 1 FROM wf_process WHERE code = $1', [d.processCode])) return;
      const created = await createPublishedProcess(tx, {
        code: d.processCode,
        name: d.processName,
        caseType: 'licence',
        definition,
        orgId: org.id,
      });
      await ctx.audit.record(tx, actor, {
        action: 'process.seed',
        objectType: 'process',
        objectId: created.processId,
        summary: `初始化演示办理流程“${d.processName}”`,
      });
    });
    // 实施编码: the implementing unit's credit code, the item type and the basic code (opaque, ≤ 36).
    const implementationCode =
      `${org.credit_code ?? org.region_code ?? ''}${d.input.itemType}${d.input.basicCode}`.slice(0, 36);
    const draft = await createItem(
      ctx,
      SYSTEM_CALLER,
      { ...d.input, orgId: org.id, processCode: d.processCode, implementationCode },
      actor,
    );
    await publishItem(ctx, SYSTEM_CALLER, draft.id, actor);
    done += 1;
  }
  progress(`演示数据：政务服务事项 ${done}/${DEMO_ITEMS.length}（已发布，含办理流程和申请表单）`);
}

export interface DemoItemRef {
  id: string;
  key: string;
  name: string;
  code: string;
  orgId: string;
  orgName: string;
  processCode: string;
}

/**
 * A demo item by its key (e.g. 'food-business') or by name (and unit, when a name is used by two
 * units: 个体工商户设立登记 exists at the city and in 青田县; without `orgName` the city's is returned).
 */
export async function demoItemByName(
  db: Queryable,
  nameOrKey: string,
  orgName?: string,
): Promise<DemoItemRef | null> {
  const d =
    DEMO_ITEMS.find((x) => x.key === nameOrKey) ??
    DEMO_ITEMS.find((x) => x.input.name === nameOrKey && (orgName === undefined || x.orgName === orgName));
  if (!d) return null;
  const r = await maybeOne<{ id: string; implementation_code: string; org_id: string }>(
    db,
    `SELECT i.id, i.implementation_code, i.org_id FROM svc_item i JOIN idn_org o ON o.id = i.org_id
     WHERE i.name = $1 AND o.name = $2 AND i.process_code = $3`,
    [d.input.name, d.orgName, d.processCode],
  );
  return r
    ? {
        id: r.id,
        key: d.key,
        name: d.input.name,
        code: r.implementation_code,
        orgId: r.org_id,
        orgName: d.orgName,
        processCode: d.processCode,
      }
    : null;
}

/** Keys, names and units of the demo items, in seed order. */
export function demoItemKeys(): { key: string; name: string; orgName: string; processCode: string }[] {
  return DEMO_ITEMS.map((d) => ({
    key: d.key,
    name: d.input.name,
    orgName: d.orgName,
    processCode: d.processCode,
  }));
}
