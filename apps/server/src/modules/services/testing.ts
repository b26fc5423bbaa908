// Test factories for service items, for this module's tests and for other modules' tests that need a
// published item with a form and a process (licensing, hall pages, supervision).
import { systemActor } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { withTx } from '../../platform/db/pool.ts';
import {
  createPublishedProcess,
  type ProcessDefinition,
  standardLicenceDefinition,
} from '../workflow/index.ts';
import type { FormDefinition } from './forms/form-types.ts';
import type { ItemInput } from './services.rules.ts';
import { SYSTEM_CALLER } from './services.scope.ts';
import type { ServiceItem } from './services.types.ts';
import { createItem } from './use-cases/create-item.ts';
import { publishItem } from './use-cases/publish-item.ts';

/** A form using every field type: prefill, conditions, a region, an address and a repeating group. */
export function sampleForm(): FormDefinition {
  return {
    sections: [
      {
        key: 'applicant',
        title: '申请人信息',
        fields: [
          {
            key: 'applicantType',
            label: '申请人类型',
            type: 'radio',
            required: true,
            options: [
              { value: 'person', label: '个人（个体工商户）' },
              { value: 'enterprise', label: '企业' },
            ],
          },
          { key: 'name', label: '申请人姓名', type: 'text', required: true, prefill: 'name' },
          { key: 'idNumber', label: '公民身份号码', type: 'id_number', required: true, prefill: 'id_number' },
          {
            key: 'companyName',
            label: '企业名称',
            type: 'text',
            required: true,
            prefill: 'enterprise_name',
            visibleWhen: { field: 'applicantType', equals: 'enterprise' },
          },
          {
            key: 'creditCode',
            label: '统一社会信用代码',
            type: 'credit_code',
            required: true,
            prefill: 'credit_code',
            visibleWhen: { field: 'applicantType', equals: 'enterprise' },
          },
          { key: 'phone', label: '联系电话', type: 'phone', required: true, prefill: 'phone' },
          { key: 'email', label: '电子邮箱', type: 'email', prefill: 'email' },
        ],
      },
      {
        key: 'business',
        title: '经营信息',
        fields: [
          {
            key: 'category',
            label: '经营类别',
            type: 'select',
            required: true,
            options: [
              { value: 'retail', label: '食品销售' },
              { value: 'catering', label: '餐饮服务' },
            ],
          },
          {
            key: 'scope',
            label: '经营项目',
            type: 'checkbox',
            required: true,
            options: [
              { value: 'hot', label: '热食类食品制售' },
              { value: 'cold', label: '冷食类食品制售' },
              { value: 'drinks', label: '自制饮品制售' },
            ],
          },
          {
            key: 'area',
            label: '经营场所面积',
            type: 'number',
            required: true,
            min: 1,
            max: 10000,
            unit: '平方米',
          },
          { key: 'openDate', label: '拟开业日期', type: 'date' },
          { key: 'region', label: '所在区县', type: 'region', required: true },
          { key: 'address', label: '经营场所', type: 'address', required: true },
          { key: 'remark', label: '其他说明', type: 'textarea', maxLength: 500 },
          { key: 'copies', label: '加发证书份数', type: 'number', integer: true, min: 0, max: 10 },
        ],
      },
      {
        key: 'staff',
        title: '从业人员',
        fields: [
          {
            key: 'employees',
            label: '从业人员',
            type: 'group',
            minItems: 1,
            maxItems: 5,
            fields: [
              { key: 'name', label: '姓名', type: 'text', required: true },
              { key: 'idNumber', label: '公民身份号码', type: 'id_number', required: true },
              {
                key: 'healthCert',
                label: '是否持有健康证明',
                type: 'radio',
                required: true,
                options: [
                  { value: 'yes', label: '是' },
                  { value: 'no', label: '否' },
                ],
              },
              {
                key: 'certNo',
                label: '健康证明编号',
                type: 'text',
                required: true,
                visibleWhen: { field: 'healthCert', equals: 'yes' },
              },
            ],
          },
        ],
      },
    ],
  };
}

let serial = 0;

/** Everything a publishable item needs, in `orgId`, on process `processCode`. */
export function completeItemInput(
  orgId: string,
  processCode: string,
  over: Partial<ItemInput> = {},
): ItemInput {
  serial += 1;
  return {
    orgId,
    name: '食品经营许可',
    basicCode: '000117004000',
    implementationCode: `11331100TEST${String(serial).padStart(4, '0')}${Date.now() % 100000}`,
    itemType: '01',
    audience: ['person', 'enterprise'],
    themes: ['operating_permit', 'food_drug'],
    lifeEvents: ['open_restaurant'],
    legalBasis: '《中华人民共和国食品安全法》第三十五条',
    acceptanceConditions: '有与经营的食品品种、数量相适应的经营场所。',
    legalLimitDays: 10,
    legalLimitUnit: 'working',
    promisedLimitDays: 5,
    promisedLimitUnit: 'working',
    processDescription: '网上申请 → 受理 → 审查 → 决定 → 送达',
    visitsRequired: 0,
    onlineDepth: 4,
    locations: [{ name: '市民服务中心', address: '丽水市莲都区人民街 1 号', hours: '工作日 9:00-17:00' }],
    consultation: { phone: '0578-2123456' },
    complaint: { phone: '12345' },
    remedies: {
      reconsideration: { body: '丽水市人民政府' },
      litigation: { body: '丽水市莲都区人民法院' },
    },
    result: { type: 'licence', name: '食品经营许可证', validityYears: 5 },
    materials: [
      {
        name: '食品经营许可申请书',
        necessity: 'required',
        originalOrCopy: 'original',
        medium: 'electronic',
        source: 'applicant',
      },
      {
        name: '食品安全管理制度',
        necessity: 'deferrable',
        originalOrCopy: 'copy',
        medium: 'electronic',
        source: 'applicant',
      },
    ],
    fees: [],
    processCode,
    form: sampleForm(),
    ...over,
  };
}

/** A process with a published version on `definition` (default: the standard licence definition). */
export async function createTestProcess(
  ctx: AppContext,
  code: string,
  orgId: string | null = null,
  definition: ProcessDefinition = standardLicenceDefinition(),
): Promise<string> {
  return withTx(ctx.pool, async (tx) => {
    const r = await createPublishedProcess(tx, {
      code,
      name: '测试许可流程',
      caseType: 'licence',
      definition,
      orgId,
    });
    return r.processId;
  });
}

/**
 * A published item in `orgId` with its own process on `definition` (default: the standard licence
 * definition), unless `over.processCode` names an existing one.
 */
export async function makePublishedItem(
  ctx: AppContext,
  orgId: string,
  over: Partial<ItemInput> = {},
  definition?: ProcessDefinition,
): Promise<ServiceItem> {
  serial += 1;
  const processCode = over.processCode ?? `test.licence-${Date.now().toString(36)}-${serial}`;
  if (!over.processCode) await createTestProcess(ctx, processCode, orgId, definition);
  const draft = await createItem(ctx, SYSTEM_CALLER, completeItemInput(orgId, processCode, over), {
    ...systemActor,
    name: '测试数据',
  });
  return publishItem(ctx, SYSTEM_CALLER, draft.id, { ...systemActor, name: '测试数据' });
}
