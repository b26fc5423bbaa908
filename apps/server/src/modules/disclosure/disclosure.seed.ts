// Demo content of 政府信息公开: guides of a few city and county units, catalogue entries (among them
// 行政规范性文件, a repealed one and one published late, which raises the Art. 26 alert), and requests
// in every state — replied with several outcomes (incl. partial disclosure), one carried over from
// 2025, one closed for an overdue correction, one extended, one awaiting correction and a new one — so
// the 2026 annual report of 丽水市人民政府办公室 has numbers. Past steps run on a simulated clock.
import { type Actor, systemActor } from '../../platform/audit/audit.ts';
import { shanghaiDate } from '../../platform/calendar/working-days.ts';
import type { AppContext } from '../../platform/context.ts';
import { fixedClock } from '../../platform/db/clock.ts';
import { many, withTx } from '../../platform/db/pool.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { getOrg, listOrgIdsInReach, type OrgInfo } from '../identity/index.ts';
import { actOnTaskAsSystem, openTasksOf } from '../workflow/index.ts';
import { saveAnnualReport } from './use-cases/annual-report.ts';
import { saveGuide } from './use-cases/guide.ts';
import { createEntry, type EntryInput } from './use-cases/manage-catalogue.ts';
import { submitCorrection } from './use-cases/requests.ts';
import { submitRequest } from './use-cases/submit-request.ts';

const DEMO_ACTOR: Actor = { ...systemActor, name: '演示数据初始化' };

/** The seed acts as a platform-wide disclosure officer (no session behind it). */
const SEED_STAFF: Principal = {
  userId: '00000000-0000-7000-8000-000000000000',
  username: 'demo-seed',
  kind: 'staff',
  displayName: '演示数据初始化',
  orgId: null,
  orgPath: null,
  grants: [
    {
      assignmentId: 'demo-seed',
      roleId: 'demo-seed',
      code: 'disclosure_officer',
      name: '政府信息公开工作人员',
      adminClass: null,
      permissions: ['disclosure.catalogue.edit', 'disclosure.request.handle', 'disclosure.report.edit'],
      scope: 'platform',
      scopeOrgId: null,
      scopeOrgName: null,
      scopeOrgPath: null,
    },
  ],
  sessionId: 'demo-seed',
  csrfToken: '',
  totpSetupRequired: false,
  mustChangePassword: false,
};

function at(ctx: AppContext, date: string, hour = 10): AppContext {
  return { ...ctx, clock: fixedClock(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`) };
}

interface GuideSeed {
  org: string;
  prefix: string;
  office: string;
  phone: string;
  address: string;
  body: string;
  court: string;
}

const GUIDES: GuideSeed[] = [
  {
    org: '丽水市人民政府办公室',
    prefix: '丽政办',
    office: '丽水市人民政府办公室政务公开科',
    phone: '0578-2091234',
    address: '丽水市莲都区花园路1号市行政中心',
    body: '浙江省人民政府',
    court: '丽水市中级人民法院',
  },
  {
    org: '丽水市市场监督管理局',
    prefix: '丽市监',
    office: '丽水市市场监督管理局办公室',
    phone: '0578-2135678',
    address: '丽水市莲都区丽阳街726号',
    body: '丽水市人民政府',
    court: '丽水市莲都区人民法院',
  },
  {
    org: '丽水市自然资源和规划局',
    prefix: '丽资规',
    office: '丽水市自然资源和规划局办公室',
    phone: '0578-2128810',
    address: '丽水市莲都区人民街615号',
    body: '丽水市人民政府',
    court: '丽水市莲都区人民法院',
  },
  {
    org: '丽水市卫生健康委员会',
    prefix: '丽卫',
    office: '丽水市卫生健康委员会办公室',
    phone: '0578-2152301',
    address: '丽水市莲都区丽阳街800号',
    body: '丽水市人民政府',
    court: '丽水市莲都区人民法院',
  },
  {
    org: '青田县人民政府办公室',
    prefix: '青政办',
    office: '青田县人民政府办公室政务公开科',
    phone: '0578-6822001',
    address: '青田县鹤城街道鹤城中路1号',
    body: '丽水市人民政府',
    court: '丽水市莲都区人民法院',
  },
  {
    org: '丽水市住房和城乡建设局',
    prefix: '丽建',
    office: '丽水市住房和城乡建设局办公室',
    phone: '0578-2093120',
    address: '丽水市莲都区丽阳街665号',
    body: '丽水市人民政府',
    court: '丽水市莲都区人民法院',
  },
  // Every other county government office runs a portal whose 政府信息公开 column leads to its guide.
  ...(
    [
      ['莲都区', '莲政办', '0578-2135001', '莲都区紫金街道丽阳街576号'],
      ['龙泉市', '龙政办', '0578-7212001', '龙泉市龙渊街道贤良路1号'],
      ['云和县', '云政办', '0578-5122001', '云和县浮云街道解放西街1号'],
      ['庆元县', '庆政办', '0578-6122001', '庆元县濛洲街道石龙街1号'],
      ['缙云县', '缙政办', '0578-3132001', '缙云县五云街道仙都路1号'],
      ['遂昌县', '遂政办', '0578-8122001', '遂昌县妙高街道北街1号'],
      ['松阳县', '松政办', '0578-8062001', '松阳县西屏街道紫荆路1号'],
      ['景宁畲族自治县', '景政办', '0578-5082001', '景宁畲族自治县红星街道人民中路1号'],
    ] as const
  ).map(([county, prefix, phone, address]) => ({
    org: `${county}人民政府办公室`,
    prefix,
    office: `${county}人民政府办公室政务公开科`,
    phone,
    address,
    body: '丽水市人民政府',
    court: '丽水市莲都区人民法院',
  })),
];

type EntrySeed = Omit<EntryInput, 'orgId'> & { org: string };

const ENTRIES: EntrySeed[] = [
  {
    org: '丽水市人民政府办公室',
    title: '丽水市人民政府办公室关于印发丽水市政务公开工作要点的通知',
    docNumber: '丽政办发〔2026〕12号',
    writtenOn: '2026-03-18',
    publishedOn: '2026-03-20',
    topic: '综合政务',
    genre: '通知',
    keywords: ['政务公开', '工作要点'],
    summary:
      '部署全市2026年政务公开重点任务，包括深化重点领域信息公开、规范依申请公开办理和加强政府网站集约化建设。',
  },
  {
    org: '丽水市人民政府办公室',
    title: '丽水市人民政府办公室关于进一步优化营商环境的若干意见',
    docNumber: '丽政办发〔2026〕21号',
    writtenOn: '2026-04-27',
    publishedOn: '2026-04-30',
    topic: '国民经济管理、国有资产监管',
    genre: '行政规范性文件',
    keywords: ['营商环境'],
    summary: '围绕市场准入、政务服务、要素保障等方面提出二十条措施。',
  },
  {
    org: '丽水市人民政府办公室',
    title: '丽水市人民政府办公室关于印发丽水市城市居民最低生活保障实施办法的通知',
    docNumber: '丽政办发〔2026〕30号',
    writtenOn: '2026-06-15',
    publishedOn: '2026-06-18',
    topic: '民政、扶贫、救灾',
    genre: '行政规范性文件',
    keywords: ['最低生活保障', '社会救助'],
    summary: '规定城市居民最低生活保障的对象认定、标准、申请审批和动态管理。',
  },
  {
    org: '丽水市人民政府办公室',
    title: '丽水市人民政府办公室关于印发丽水市城市居民最低生活保障暂行办法的通知',
    docNumber: '丽政办发〔2021〕45号',
    writtenOn: '2021-08-02',
    publishedOn: '2021-08-05',
    topic: '民政、扶贫、救灾',
    genre: '行政规范性文件',
    validity: '废止',
    repealedOn: '2026-06-15',
    keywords: ['最低生活保障'],
    summary: '已被丽政办发〔2026〕30号文件废止。',
  },
  // Published 9 weeks after it was written: the Art. 26 alert goes to the unit's officers.
  {
    org: '丽水市人民政府办公室',
    title: '丽水市2026年民生实事项目实施方案',
    docNumber: '丽政办发〔2026〕8号',
    writtenOn: '2026-02-26',
    publishedOn: '2026-05-06',
    topic: '综合政务',
    genre: '通知',
    keywords: ['民生实事'],
    summary: '确定2026年十方面民生实事项目及责任单位。',
  },
  {
    org: '丽水市人民政府办公室',
    title: '2026年丽水市国民经济和社会发展统计公报',
    docNumber: '',
    writtenOn: '2026-03-25',
    publishedOn: '2026-03-27',
    topic: '统计信息',
    genre: '统计数据',
    keywords: ['统计公报'],
    summary: '全市地区生产总值、固定资产投资、居民收入等年度统计数据。',
  },
  {
    org: '丽水市市场监督管理局',
    title: '丽水市市场监督管理局2026年“双随机、一公开”抽查计划',
    docNumber: '丽市监〔2026〕5号',
    writtenOn: '2026-02-10',
    publishedOn: '2026-02-12',
    topic: '市场监管、安全生产监管',
    genre: '通知',
    keywords: ['双随机', '抽查'],
    summary: '公布本年度抽查事项、抽查比例和时间安排。',
  },
  {
    org: '丽水市市场监督管理局',
    title: '丽水市食品安全监督抽检结果公告（2026年第3期）',
    docNumber: '',
    writtenOn: '2026-07-08',
    publishedOn: '2026-07-09',
    topic: '市场监管、安全生产监管',
    genre: '公告',
    keywords: ['食品安全', '抽检'],
    summary: '本期抽检食品120批次，合格117批次，不合格3批次已依法处置。',
  },
  {
    org: '丽水市自然资源和规划局',
    title: '丽水市国土空间总体规划（2021—2035年）批前公示',
    docNumber: '',
    writtenOn: '2026-05-18',
    publishedOn: '2026-05-20',
    topic: '国土资源、能源',
    genre: '规划',
    keywords: ['国土空间规划'],
    summary: '公示规划目标定位、空间格局和主要指标，征求公众意见。',
  },
  {
    org: '丽水市卫生健康委员会',
    title: '丽水市卫生健康委员会关于公布2026年基本公共卫生服务项目的通知',
    docNumber: '丽卫发〔2026〕9号',
    writtenOn: '2026-03-02',
    publishedOn: '2026-03-04',
    topic: '卫生、体育',
    genre: '通知',
    keywords: ['基本公共卫生服务'],
    summary: '明确本年度基本公共卫生服务项目、服务对象和人均经费标准。',
  },
  {
    org: '青田县人民政府办公室',
    title: '青田县人民政府办公室关于印发青田县华侨要素回流服务办法的通知',
    docNumber: '青政办发〔2026〕17号',
    writtenOn: '2026-05-11',
    publishedOn: '2026-05-13',
    topic: '港澳台侨工作',
    genre: '行政规范性文件',
    keywords: ['华侨', '要素回流'],
    summary: '为归国华侨投资创业提供政策咨询、审批代办和要素保障服务。',
  },
];

interface RequestSeed {
  applicant: string;
  org: string;
  submitted: string;
  description: string;
  delivery: 'electronic' | 'paper' | 'mail' | 'pickup' | 'inspect';
  address?: string;
  category?: string;
  steps: {
    on: string;
    action: string;
    comment?: string;
    data?: Record<string, unknown>;
    correction?: string;
  }[];
}

const CITY = '丽水市人民政府办公室';

const REQUESTS: RequestSeed[] = [
  // Received in 2025, replied in 2026: 上年结转.
  {
    applicant: 'citizen1',
    org: CITY,
    submitted: '2025-12-22',
    description: '2025年丽水市老旧小区改造项目清单及各项目财政补助金额',
    delivery: 'electronic',
    steps: [
      {
        on: '2026-01-13',
        action: 'reply',
        data: {
          outcome: 'GRANTED',
          content: '现将《2025年丽水市老旧小区改造项目清单》电子文本随本答复书一并提供。',
        },
      },
    ],
  },
  {
    applicant: 'citizen1',
    org: CITY,
    submitted: '2026-03-10',
    description: '丽政办发〔2026〕12号文件的全文',
    delivery: 'electronic',
    steps: [
      {
        on: '2026-03-16',
        action: 'reply',
        data: {
          outcome: 'GRANTED',
          content:
            '该文件已于2026年3月20日在丽水市人民政府门户网站“政府信息公开”栏目主动公开，您可通过公开目录检索获取。',
        },
      },
    ],
  },
  {
    applicant: 'enterprise1',
    org: CITY,
    submitted: '2026-05-12',
    description: '2025年度市级农业产业化项目资金分配表及评审意见',
    delivery: 'mail',
    address: '丽水市莲都区紫金路88号',
    steps: [
      {
        on: '2026-06-02',
        action: 'reply',
        data: {
          outcome: 'PARTIAL',
          reasons: '评审意见中的专家个人信息及其他企业的商业秘密不予公开（条例第十五条）。',
          content: '现向您提供资金分配表全文及评审意见中可以公开的部分。',
        },
      },
    ],
  },
  {
    applicant: 'citizen2',
    org: CITY,
    submitted: '2026-04-01',
    description: '关于那个项目的文件',
    delivery: 'electronic',
    steps: [
      {
        on: '2026-04-03',
        action: 'request-correction',
        comment: '请写明所需信息涉及的项目名称、时间或文号等特征性描述。',
        data: { dueDays: 10 },
      },
      {
        on: '2026-04-28',
        action: 'close-no-correction',
        comment: '补正期限已于2026年4月20日届满，申请人未提交补正。',
      },
    ],
  },
  {
    applicant: 'citizen2',
    org: CITY,
    submitted: '2026-07-06',
    description: '丽水市2026年第二季度城市道路挖掘审批记录',
    delivery: 'electronic',
    steps: [
      {
        on: '2026-07-20',
        action: 'reply',
        data: {
          outcome: 'UNABLE_NOT_HELD',
          reasons: '城市道路挖掘由丽水市住房和城乡建设局负责审批，本机关不掌握该信息。',
          content: '请向丽水市住房和城乡建设局（联系电话：0578-2123456）申请。',
        },
      },
    ],
  },
  {
    applicant: 'citizen3',
    org: CITY,
    submitted: '2026-08-03',
    description: '市政府常务会议讨论城东片区开发方案的会议记录',
    delivery: 'paper',
    address: '丽水市莲都区中山街200号',
    steps: [
      {
        on: '2026-08-25',
        action: 'reply',
        data: {
          outcome: 'DENIED_PROCESS_INFO',
          reasons: '所申请信息属于行政机关在履行职责过程中形成的讨论记录，属于过程性信息。',
        },
      },
    ],
  },
  {
    applicant: 'citizen4',
    org: CITY,
    submitted: '2026-09-07',
    description: '要求查处小区物业公司违规收费问题并公开处理结果',
    delivery: 'electronic',
    steps: [
      {
        on: '2026-09-15',
        action: 'reply',
        data: {
          outcome: 'NOT_PROCESSED_PETITION',
          reasons: '您的申请实为投诉举报事项。',
          content: '请通过12345政务服务便民热线或向丽水市市场监督管理局反映。',
        },
      },
    ],
  },
  {
    applicant: 'enterprise1',
    org: CITY,
    submitted: '2026-09-21',
    description: '丽水经济技术开发区2026年工业用地出让计划',
    delivery: 'electronic',
    steps: [
      {
        on: '2026-09-23',
        action: 'consult-agency',
        comment: '该信息由丽水经济技术开发区管委会与本机关共同制作，征求其意见。',
      },
      { on: '2026-10-14', action: 'opinion-received' },
      {
        on: '2026-10-20',
        action: 'reply',
        data: { outcome: 'GRANTED', content: '现将该出让计划随本答复书一并提供。' },
      },
    ],
  },
  // Extended and still running.
  {
    applicant: 'citizen5',
    org: CITY,
    submitted: '2026-10-26',
    description: '2021年至2026年丽水市各县（市、区）生态补偿资金拨付明细',
    delivery: 'electronic',
    steps: [
      {
        on: '2026-11-13',
        action: 'request-extension',
        comment: '所需信息跨越多个年度，涉及多个部门，需要汇总核对。',
        data: { days: 15 },
      },
      { on: '2026-11-16', action: 'approve', comment: '同意延长15个工作日。' },
    ],
  },
  // Waiting for the applicant's correction.
  {
    applicant: 'citizen6',
    org: CITY,
    submitted: '2026-11-16',
    description: '有关拆迁的补偿标准',
    delivery: 'electronic',
    steps: [
      {
        on: '2026-11-18',
        action: 'request-correction',
        comment: '请写明拆迁项目所在位置或项目名称，以及所需补偿标准的年份。',
        data: { dueDays: 15 },
      },
    ],
  },
  // Corrected online, so the 20 working days run again from the day of the correction.
  {
    applicant: 'citizen3',
    org: CITY,
    submitted: '2026-11-02',
    description: '今年的补助政策',
    delivery: 'electronic',
    steps: [
      {
        on: '2026-11-04',
        action: 'request-correction',
        comment: '请写明补助政策所属领域（如农业、就业、住房）。',
        data: { dueDays: 10 },
      },
      { on: '2026-11-09', action: '', correction: '2026年丽水市高校毕业生就业创业补助政策文件及申领程序' },
    ],
  },
  // New.
  {
    applicant: 'enterprise3',
    org: CITY,
    submitted: '2026-11-23',
    description: '2026年丽水市政府集中采购目录及限额标准',
    delivery: 'electronic',
    category: '商业企业',
    steps: [],
  },
  {
    applicant: 'enterprise2',
    org: '青田县人民政府办公室',
    submitted: '2026-06-08',
    description: '青田县2026年石雕文化产业扶持资金申报指南',
    delivery: 'electronic',
    category: '商业企业',
    steps: [
      {
        on: '2026-06-12',
        action: 'reply',
        data: {
          outcome: 'GRANTED',
          content: '该指南已在青田县人民政府门户网站公开，现随本答复书提供电子文本。',
        },
      },
    ],
  },
];

async function orgsByName(ctx: AppContext, names: string[]): Promise<Map<string, OrgInfo>> {
  const wanted = new Set(names);
  const out = new Map<string, OrgInfo>();
  for (const id of await listOrgIdsInReach(ctx, { all: true })) {
    const o = await getOrg(ctx.pool, id);
    if (o && wanted.has(o.name)) out.set(o.name, o);
    if (out.size === wanted.size) break;
  }
  return out;
}

function applicantPrincipal(r: {
  id: string;
  username: string;
  kind: 'citizen' | 'enterprise';
  display_name: string;
}): Principal {
  return {
    userId: r.id,
    username: r.username,
    kind: r.kind,
    displayName: r.display_name,
    orgId: null,
    orgPath: null,
    grants: [],
    sessionId: 'demo-seed',
    csrfToken: '',
    totpSetupRequired: false,
    mustChangePassword: false,
  };
}

export async function seedDisclosureDemo(ctx: AppContext, progress: (msg: string) => void): Promise<void> {
  const orgs = await orgsByName(
    ctx,
    GUIDES.map((g) => g.org),
  );
  if (orgs.size === 0) {
    progress('演示数据：未找到演示单位，跳过政府信息公开');
    return;
  }
  const today = shanghaiDate(ctx.clock.now());
  for (const g of GUIDES) {
    const org = orgs.get(g.org);
    if (!org) continue;
    await saveGuide(
      ctx,
      SEED_STAFF,
      org.id,
      {
        officeName: g.office,
        address: g.address,
        officeHours: '工作日 上午8:30—12:00，下午14:30—17:30（法定节假日除外）',
        phone: g.phone,
        postcode: '323000',
        intro: `为便于公民、法人和其他组织依法获取${g.org}的政府信息，根据《中华人民共和国政府信息公开条例》，编制本指南。\n本指南每年更新，内容包括政府信息公开的工作机构、主动公开的范围和方式、依申请公开的程序以及监督和救济方式。`,
        letterPrefix: g.prefix,
        reconsiderationBody: g.body,
        litigationCourt: g.court,
      },
      DEMO_ACTOR,
    );
  }
  const city = orgs.get(CITY);
  if (city) {
    await withTx(ctx.pool, (tx) =>
      tx.query('UPDATE dsc_guide SET default_for_requests = true WHERE org_id = $1', [city.id]),
    );
  }
  let n = 0;
  for (const e of ENTRIES) {
    const org = orgs.get(e.org);
    if (!org || (typeof e.publishedOn === 'string' && e.publishedOn > today)) continue;
    const { org: _name, ...input } = e;
    await createEntry(at(ctx, e.publishedOn as string), SEED_STAFF, { ...input, orgId: org.id }, DEMO_ACTOR);
    n += 1;
  }
  progress(`演示数据：政府信息公开目录 ${n} 条`);

  const users = await many<{
    id: string;
    username: string;
    kind: 'citizen' | 'enterprise';
    display_name: string;
  }>(
    ctx.pool,
    `SELECT id, username, kind, display_name FROM idn_user
     WHERE kind IN ('citizen', 'enterprise') AND username ~ '^(citizen|enterprise)[0-9]+$'`,
  );
  const byUsername = new Map(users.map((u) => [u.username, applicantPrincipal(u)]));
  let made = 0;
  for (const r of REQUESTS) {
    const applicant = byUsername.get(r.applicant);
    const org = orgs.get(r.org);
    if (!applicant || !org || r.submitted > today) continue;
    const submitted = await submitRequest(
      at(ctx, r.submitted, 9),
      applicant,
      {
        description: r.description,
        delivery: r.delivery,
        orgId: org.id,
        address: r.address,
        ...(applicant.kind === 'enterprise' ? { applicantCategory: r.category ?? '商业企业' } : {}),
      },
      { ...DEMO_ACTOR, userId: applicant.userId, name: applicant.displayName },
    );
    for (const s of r.steps) {
      if (s.on > today) break;
      const c = at(ctx, s.on, 15);
      if (s.correction) {
        await submitCorrection(c, applicant, submitted.id, { text: s.correction }, DEMO_ACTOR);
        continue;
      }
      await withTx(c.pool, async (tx) => {
        const task = (await openTasksOf(tx, submitted.caseId))[0];
        if (!task) return;
        await actOnTaskAsSystem(tx, c, task.id, {
          action: s.action,
          comment: s.comment ?? null,
          data: s.data ?? {},
        });
      });
    }
    made += 1;
  }
  progress(`演示数据：依申请公开 ${made} 件`);

  if (city) {
    await saveAnnualReport(
      ctx,
      SEED_STAFF,
      {
        orgId: city.id,
        year: 2026,
        narrative: {
          overview:
            '2026年，丽水市人民政府办公室深入贯彻《中华人民共和国政府信息公开条例》，围绕市委、市政府中心工作，持续深化主动公开，规范依申请公开办理，加强政府信息管理和平台建设。\n全年通过政府门户网站主动公开政府信息，依申请公开答复均在法定期限内办结。',
          problems:
            '一是部分信息发布不够及时，个别文件发布日期距成文日期超过20个工作日；二是政策解读形式较为单一。下一步将建立发布时限提醒机制，丰富图解、视频等解读形式。',
          other: '本年度未收取信息处理费。',
        },
        entered: {
          table1: {
            licensingDecisions: 0,
            penaltyDecisions: 0,
            coercionDecisions: 0,
            feesTenThousandYuan: 0,
          },
          table3: { reconsideration: { maintained: 1 }, litigationDirect: { pending: 1 } },
        },
      },
      DEMO_ACTOR,
    );
  }
}
