// Demo region: 丽水市 with its nine county-level divisions, townships, city and county departments,
// a few units, administrators of each class, ordinary staff, citizens and enterprises. Every account
// signs in with DEMO_PASSWORD and no two-factor. The password is hashed once: argon2 costs tens of
// milliseconds per hash, and the demo has dozens of accounts.
import { type Actor, systemActor } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { hashPassword } from '../../platform/crypto/password.ts';
import { newId } from '../../platform/db/ids.ts';
import { type Tx, withTx } from '../../platform/db/pool.ts';
import type { ScopeKind } from '../../platform/http/principal.ts';
import { LISHUI_REGIONS } from '../../platform/ids/gb2260.ts';
import { makeIdNumber } from '../../platform/ids/gb11643.ts';
import { makeCreditCode } from '../../platform/ids/gb32100.ts';
import { BUILTIN_ROLES } from './identity.permissions.ts';
import {
  findRootOrg,
  insertAssignment,
  insertCitizen,
  insertEnterprise,
  insertOrg,
  insertUser,
  type OrgKind,
  type OrgRow,
} from './identity.repository.ts';

export const DEMO_PASSWORD = 'Demo@2026';

const CITY_CODE = '331100';

export const CITY_DEPARTMENTS: readonly string[] = [
  '丽水市人民政府办公室',
  '丽水市发展和改革委员会',
  '丽水市教育局',
  '丽水市科学技术局',
  '丽水市经济和信息化局',
  '丽水市公安局',
  '丽水市民政局',
  '丽水市司法局',
  '丽水市财政局',
  '丽水市人力资源和社会保障局',
  '丽水市自然资源和规划局',
  '丽水市生态环境局',
  '丽水市住房和城乡建设局',
  '丽水市交通运输局',
  '丽水市水利局',
  '丽水市农业农村局',
  '丽水市商务局',
  '丽水市文化广电旅游局',
  '丽水市卫生健康委员会',
  '丽水市退役军人事务局',
  '丽水市应急管理局',
  '丽水市审计局',
  '丽水市市场监督管理局',
  '丽水市统计局',
  '丽水市医疗保障局',
  '丽水市信访局',
  '丽水市行政审批服务局（市政务服务管理办公室）',
  '丽水市大数据发展管理局',
];

/** 事业单位 under city departments: [unit, parent department]. */
const CITY_UNITS: readonly (readonly [string, string])[] = [
  ['丽水市信息中心', '丽水市大数据发展管理局'],
  ['丽水市公共资源交易中心', '丽水市行政审批服务局（市政务服务管理办公室）'],
  ['丽水市民服务中心', '丽水市行政审批服务局（市政务服务管理办公室）'],
  ['丽水市不动产登记服务中心', '丽水市自然资源和规划局'],
  ['丽水市社会保险事业管理服务中心', '丽水市人力资源和社会保障局'],
  ['丽水市疾病预防控制中心', '丽水市卫生健康委员会'],
];

/** County departments: the same few in every county, so demo cases can be routed alike everywhere. */
const COUNTY_DEPARTMENTS: readonly string[] = [
  '人民政府办公室',
  '行政审批服务局',
  '市场监督管理局',
  '民政局',
  '教育局',
];

interface DemoUser {
  username: string;
  displayName: string;
  org: string;
  role: string;
  scope: ScopeKind;
  scopeOrg?: string;
  phone?: string;
}

const STAFF: readonly DemoUser[] = [
  {
    username: 'admin',
    displayName: '周建华',
    org: '丽水市信息中心',
    role: 'sysadmin',
    scope: 'platform',
    phone: '13957800001',
  },
  {
    username: 'security',
    displayName: '吴晓安',
    org: '丽水市信息中心',
    role: 'secadmin',
    scope: 'platform',
    phone: '13957800002',
  },
  {
    username: 'auditor',
    displayName: '陈慧敏',
    org: '丽水市信息中心',
    role: 'auditadmin',
    scope: 'platform',
    phone: '13957800003',
  },
  {
    username: 'qingtian.admin',
    displayName: '叶志青',
    org: '青田县人民政府办公室',
    role: 'sysadmin',
    scope: 'org',
    scopeOrg: '青田县',
    phone: '13957800004',
  },
  {
    username: 'shiscj.staff',
    displayName: '王丽华',
    org: '丽水市市场监督管理局',
    role: 'staff',
    scope: 'org',
    scopeOrg: '丽水市市场监督管理局',
    phone: '13957800011',
  },
  {
    username: 'shixzsp.staff',
    displayName: '李明轩',
    org: '丽水市行政审批服务局（市政务服务管理办公室）',
    role: 'staff',
    scope: 'org',
    scopeOrg: '丽水市行政审批服务局（市政务服务管理办公室）',
    phone: '13957800012',
  },
  {
    username: 'liandu.staff',
    displayName: '徐静怡',
    org: '莲都区行政审批服务局',
    role: 'staff',
    scope: 'org',
    scopeOrg: '莲都区行政审批服务局',
    phone: '13957800013',
  },
  {
    username: 'qingtian.staff',
    displayName: '林海峰',
    org: '青田县市场监督管理局',
    role: 'staff',
    scope: 'org',
    scopeOrg: '青田县市场监督管理局',
    phone: '13957800014',
  },
  {
    username: 'longquan.staff',
    displayName: '季雨桐',
    org: '龙泉市民政局',
    role: 'staff',
    scope: 'org',
    scopeOrg: '龙泉市民政局',
    phone: '13957800015',
  },
  {
    username: 'jinyun.staff',
    displayName: '应国强',
    org: '缙云县教育局',
    role: 'staff',
    scope: 'org',
    scopeOrg: '缙云县教育局',
    phone: '13957800016',
  },
  // Case handling and electronic supervision (issue 3): window officers, reviewers and approvers of
  // the units whose demo service items take applications, a city-wide supervisor and item administrator.
  {
    username: 'scjg.clerk',
    displayName: '郑雅琴',
    org: '丽水市市场监督管理局',
    role: 'window',
    scope: 'org',
    scopeOrg: '丽水市市场监督管理局',
    phone: '13957800021',
  },
  {
    username: 'scjg.reviewer',
    displayName: '蓝志远',
    org: '丽水市市场监督管理局',
    role: 'reviewer',
    scope: 'org',
    scopeOrg: '丽水市市场监督管理局',
    phone: '13957800022',
  },
  {
    username: 'scjg.chief',
    displayName: '潘立群',
    org: '丽水市市场监督管理局',
    role: 'approver',
    scope: 'org',
    scopeOrg: '丽水市市场监督管理局',
    phone: '13957800023',
  },
  {
    username: 'wsj.reviewer',
    displayName: '钟晓岚',
    org: '丽水市卫生健康委员会',
    role: 'reviewer',
    scope: 'org',
    scopeOrg: '丽水市卫生健康委员会',
    phone: '13957800024',
  },
  {
    username: 'wsj.clerk',
    displayName: '雷佳音',
    org: '丽水市卫生健康委员会',
    role: 'window',
    scope: 'org',
    scopeOrg: '丽水市卫生健康委员会',
    phone: '13957800025',
  },
  {
    username: 'wsj.chief',
    displayName: '汤文博',
    org: '丽水市卫生健康委员会',
    role: 'approver',
    scope: 'org',
    scopeOrg: '丽水市卫生健康委员会',
    phone: '13957800026',
  },
  {
    username: 'zjj.clerk',
    displayName: '毛宇航',
    org: '丽水市住房和城乡建设局',
    role: 'window',
    scope: 'org',
    scopeOrg: '丽水市住房和城乡建设局',
    phone: '13957800027',
  },
  {
    username: 'rsj.clerk',
    displayName: '程美玲',
    org: '丽水市人力资源和社会保障局',
    role: 'window',
    scope: 'org',
    scopeOrg: '丽水市人力资源和社会保障局',
    phone: '13957800028',
  },
  {
    username: 'jtj.clerk',
    displayName: '柳建军',
    org: '丽水市交通运输局',
    role: 'window',
    scope: 'org',
    scopeOrg: '丽水市交通运输局',
    phone: '13957800029',
  },
  {
    username: 'qingtian.clerk',
    displayName: '项丽娜',
    org: '青田县市场监督管理局',
    role: 'window',
    scope: 'org',
    scopeOrg: '青田县市场监督管理局',
    phone: '13957800030',
  },
  {
    username: 'zjj.reviewer',
    displayName: '祝永康',
    org: '丽水市住房和城乡建设局',
    role: 'reviewer',
    scope: 'org',
    scopeOrg: '丽水市住房和城乡建设局',
    phone: '13957800033',
  },
  {
    username: 'zjj.chief',
    displayName: '蒋国栋',
    org: '丽水市住房和城乡建设局',
    role: 'approver',
    scope: 'org',
    scopeOrg: '丽水市住房和城乡建设局',
    phone: '13957800034',
  },
  {
    username: 'jtj.reviewer',
    displayName: '吕晓峰',
    org: '丽水市交通运输局',
    role: 'reviewer',
    scope: 'org',
    scopeOrg: '丽水市交通运输局',
    phone: '13957800035',
  },
  {
    username: 'jtj.chief',
    displayName: '施海明',
    org: '丽水市交通运输局',
    role: 'approver',
    scope: 'org',
    scopeOrg: '丽水市交通运输局',
    phone: '13957800036',
  },
  {
    username: 'bdc.clerk',
    displayName: '华月英',
    org: '丽水市不动产登记服务中心',
    role: 'window',
    scope: 'org',
    scopeOrg: '丽水市不动产登记服务中心',
    phone: '13957800037',
  },
  {
    username: 'bdc.reviewer',
    displayName: '戴俊杰',
    org: '丽水市不动产登记服务中心',
    role: 'reviewer',
    scope: 'org',
    scopeOrg: '丽水市不动产登记服务中心',
    phone: '13957800038',
  },
  {
    username: 'bdc.chief',
    displayName: '金伟民',
    org: '丽水市不动产登记服务中心',
    role: 'approver',
    scope: 'org',
    scopeOrg: '丽水市不动产登记服务中心',
    phone: '13957800039',
  },
  {
    username: 'qtjy.clerk',
    displayName: '朱晓雯',
    org: '青田县教育局',
    role: 'window',
    scope: 'org',
    scopeOrg: '青田县教育局',
    phone: '13957800040',
  },
  {
    username: 'qtjy.chief',
    displayName: '胡建新',
    org: '青田县教育局',
    role: 'approver',
    scope: 'org',
    scopeOrg: '青田县教育局',
    phone: '13957800041',
  },
  {
    username: 'jiancha',
    displayName: '严正平',
    org: '丽水市行政审批服务局（市政务服务管理办公室）',
    role: 'supervisor',
    scope: 'org',
    scopeOrg: '丽水市',
    phone: '13957800031',
  },
  {
    username: 'service.admin',
    displayName: '季思远',
    org: '丽水市行政审批服务局（市政务服务管理办公室）',
    role: 'service_admin',
    scope: 'org',
    scopeOrg: '丽水市',
    phone: '13957800032',
  },
  // Government information disclosure (issue 4): the city government office's disclosure officer and
  // the office head who approves extensions of disclosure requests.
  {
    username: 'xxgk.officer',
    displayName: '徐文清',
    org: '丽水市人民政府办公室',
    role: 'disclosure_officer',
    scope: 'org',
    scopeOrg: '丽水市人民政府办公室',
    phone: '13957800061',
  },
  {
    username: 'xxgk.chief',
    displayName: '毛建新',
    org: '丽水市人民政府办公室',
    role: 'approver',
    scope: 'org',
    scopeOrg: '丽水市人民政府办公室',
    phone: '13957800062',
  },
  // Website cluster (issue 4): editors, reviewers (a second reviewer for columns with two review
  // levels) and site administrators of the city portal and the 青田县 portal.
  {
    username: 'portal.editor',
    displayName: '吴晓雯',
    org: '丽水市人民政府办公室',
    role: 'cms_editor',
    scope: 'org',
    scopeOrg: '丽水市人民政府办公室',
    phone: '13957800051',
  },
  {
    username: 'portal.reviewer',
    displayName: '叶建国',
    org: '丽水市人民政府办公室',
    role: 'cms_reviewer',
    scope: 'org',
    scopeOrg: '丽水市人民政府办公室',
    phone: '13957800052',
  },
  {
    username: 'portal.chief',
    displayName: '刘海平',
    org: '丽水市人民政府办公室',
    role: 'cms_reviewer',
    scope: 'org',
    scopeOrg: '丽水市人民政府办公室',
    phone: '13957800053',
  },
  {
    username: 'portal.admin',
    displayName: '陈思远',
    org: '丽水市人民政府办公室',
    role: 'cms_admin',
    scope: 'org',
    scopeOrg: '丽水市人民政府办公室',
    phone: '13957800054',
  },
  {
    username: 'qingtian.editor',
    displayName: '季佳怡',
    org: '青田县人民政府办公室',
    role: 'cms_editor',
    scope: 'org',
    scopeOrg: '青田县人民政府办公室',
    phone: '13957800055',
  },
  {
    username: 'qingtian.reviewer',
    displayName: '周伟东',
    org: '青田县人民政府办公室',
    role: 'cms_reviewer',
    scope: 'org',
    scopeOrg: '青田县人民政府办公室',
    phone: '13957800056',
  },
  {
    username: 'qingtian.chief',
    displayName: '徐振华',
    org: '青田县人民政府办公室',
    role: 'cms_reviewer',
    scope: 'org',
    scopeOrg: '青田县人民政府办公室',
    phone: '13957800057',
  },
];

/** [username, real name, county code, birth date, sequence, mobile]. */
const CITIZENS: readonly (readonly [string, string, string, string, string, string])[] = [
  ['citizen1', '张三', '331102', '19850312', '123', '13857810001'],
  ['citizen2', '李四', '331121', '19900708', '245', '13857810002'],
  ['citizen3', '王五', '331122', '19781125', '037', '13857810003'],
  ['citizen4', '赵晓梅', '331181', '19950216', '188', '13857810004'],
  ['citizen5', '陈思远', '331123', '20010930', '051', '13857810005'],
  ['citizen6', '刘芳', '331127', '19690504', '322', '13857810006'],
];

/** [username, enterprise name, prefix, region, org body, legal representative, mobile]. */
const ENTERPRISES: readonly (readonly [string, string, string, string, string, string, string])[] = [
  ['enterprise1', '丽水市瓯江生态农业有限公司', '91', '331102', 'MA2HK1A0', '周伟民', '13757820001'],
  ['enterprise2', '青田县石雕文化发展有限公司', '91', '331121', 'MA2HK2B3', '叶建新', '13757820002'],
  ['enterprise3', '龙泉市青瓷宝剑工艺品有限公司', '91', '331181', 'MA2HK3C6', '季长青', '13757820003'],
  ['enterprise4', '缙云县仙都旅游开发有限公司', '91', '331122', 'MA2HK4D9', '应晓东', '13757820004'],
  ['enterprise5', '遂昌县金矿茶业专业合作社', '93', '331123', 'MA2HK5E2', '毛利平', '13757820005'],
  ['enterprise6', '松阳县古村落民宿管理有限公司', '91', '331124', 'MA2HK6F5', '潘雅琴', '13757820006'],
];

function orgBody(n: number): string {
  // Deterministic, distinct 组织机构代码 bodies; the check characters are computed by makeCreditCode.
  return String(31_000_000 + n * 137).padStart(8, '0');
}

export async function seedIdentityDemo(ctx: AppContext, progress: (msg: string) => void): Promise<void> {
  if (await findRootOrg(ctx.pool)) {
    progress('演示数据：组织机构已存在，跳过身份与组织');
    return;
  }
  const actor: Actor = { ...systemActor, name: '演示数据初始化' };
  const now = ctx.clock.now();
  const counties = LISHUI_REGIONS.filter((r) => r.level === 'county');
  const total =
    1 +
    CITY_DEPARTMENTS.length +
    CITY_UNITS.length +
    counties.length * (1 + COUNTY_DEPARTMENTS.length) +
    LISHUI_REGIONS.filter((r) => r.level === 'township').length;
  const byName = new Map<string, OrgRow>();
  let done = 0;
  let serial = 0;

  await withTx(ctx.pool, async (tx) => {
    const add = async (
      parent: OrgRow | null,
      kind: OrgKind,
      name: string,
      codes: { regionCode?: string; creditPrefix?: string; creditRegion?: string },
    ): Promise<OrgRow> => {
      serial += 1;
      const org = await insertOrg(tx, {
        id: newId(),
        parent,
        kind,
        name,
        regionCode: codes.regionCode ?? null,
        creditCode:
          codes.creditPrefix && codes.creditRegion
            ? makeCreditCode(codes.creditPrefix, codes.creditRegion, orgBody(serial))
            : null,
        creditCodeNote: null,
        sortOrder: serial * 10,
        now,
      });
      byName.set(name, org);
      done += 1;
      if (done % 25 === 0 || done === total) progress(`演示数据：组织机构 ${done}/${total}`);
      return org;
    };

    const city = await add(null, 'region', '丽水市', { regionCode: CITY_CODE });
    for (const name of CITY_DEPARTMENTS) {
      await add(city, 'department', name, { creditPrefix: '11', creditRegion: CITY_CODE });
    }
    for (const [name, parent] of CITY_UNITS) {
      await add(byName.get(parent) ?? city, 'unit', name, { creditPrefix: '12', creditRegion: CITY_CODE });
    }
    for (const county of counties) {
      const c = await add(city, 'region', county.name, { regionCode: county.code });
      for (const dept of COUNTY_DEPARTMENTS) {
        await add(c, 'department', `${county.name}${dept}`, {
          creditPrefix: '11',
          creditRegion: county.code,
        });
      }
      for (const town of LISHUI_REGIONS.filter((r) => r.parentCode === county.code)) {
        await add(c, 'region', town.name, { regionCode: town.code });
      }
    }
    await ctx.audit.record(tx, actor, {
      action: 'org.seed',
      objectType: 'org',
      objectId: city.id,
      summary: `初始化演示组织机构 ${done} 个（丽水市及所辖 ${counties.length} 个县级行政区）`,
    });
  });

  const hash = await hashPassword(DEMO_PASSWORD);
  const roleIds = new Map(BUILTIN_ROLES.map((r) => [r.code, r.id]));
  const userTotal = STAFF.length + CITIZENS.length + ENTERPRISES.length;
  let users = 0;
  const tick = () => {
    users += 1;
    if (users % 10 === 0 || users === userTotal) progress(`演示数据：用户 ${users}/${userTotal}`);
  };
  const phoneOf = (phone: string | undefined) => ({
    phoneEnc: phone ? ctx.pii.encrypt(phone) : null,
    phoneHash: phone ? ctx.pii.blindIndex('mobile', phone) : null,
  });

  await withTx(ctx.pool, async (tx: Tx) => {
    for (const s of STAFF) {
      const org = byName.get(s.org);
      if (!org) throw new Error(`demo org ${s.org} missing`);
      const id = newId();
      await insertUser(tx, {
        id,
        username: s.username,
        kind: 'staff',
        displayName: s.displayName,
        orgId: org.id,
        passwordHash: hash,
        email: `${s.username.replace('.', '_')}@lishui.gov.example`,
        now,
        ...phoneOf(s.phone),
      });
      await insertAssignment(tx, {
        id: newId(),
        userId: id,
        roleId: roleIds.get(s.role) as string,
        scope: s.scope,
        scopeOrgId: s.scopeOrg ? (byName.get(s.scopeOrg)?.id ?? null) : null,
        grantedBy: null,
        now,
      });
      tick();
    }
    for (const [username, realName, region, birth, seq, phone] of CITIZENS) {
      const id = newId();
      const idNumber = makeIdNumber(region, birth, seq);
      await insertUser(tx, {
        id,
        username,
        kind: 'citizen',
        displayName: realName,
        orgId: null,
        passwordHash: hash,
        email: null,
        now,
        ...phoneOf(phone),
      });
      await insertCitizen(tx, {
        userId: id,
        realName,
        idNumberEnc: ctx.pii.encrypt(idNumber),
        idNumberHash: ctx.pii.blindIndex('id_number', idNumber),
        birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
        sex: Number(seq[2]) % 2 === 1 ? 'male' : 'female',
      });
      tick();
    }
    for (const [username, name, prefix, region, body, legal, phone] of ENTERPRISES) {
      const id = newId();
      await insertUser(tx, {
        id,
        username,
        kind: 'enterprise',
        displayName: name,
        orgId: null,
        passwordHash: hash,
        email: null,
        now,
        ...phoneOf(phone),
      });
      await insertEnterprise(tx, {
        userId: id,
        name,
        creditCode: makeCreditCode(prefix, region, body),
        creditCodeNote: null,
        legalRepresentative: legal,
      });
      tick();
    }
    await ctx.audit.record(tx, actor, {
      action: 'user.seed',
      objectType: 'user',
      summary: `初始化演示账号 ${userTotal} 个（工作人员 ${STAFF.length}、个人 ${CITIZENS.length}、法人 ${ENTERPRISES.length}）`,
    });
  });
}
