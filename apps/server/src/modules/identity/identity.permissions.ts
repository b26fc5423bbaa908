// The permission catalogue and the built-in roles. 三员分立 (DOMAIN §8.1 访问控制): every
// administrative permission belongs to exactly one administrator class, so a role, and an account,
// can be checked mechanically for mixing the system, security and audit administrator duties.

export type AdminClass = 'system' | 'security' | 'audit';

export interface PermissionDef {
  code: string;
  /** Chinese name shown in the console. */
  name: string;
  /** Chinese group heading in the console. */
  group: string;
  /** The administrator class the permission belongs to; null for business permissions. */
  adminClass: AdminClass | null;
}

export const ADMIN_CLASS_NAMES: Record<AdminClass, string> = {
  system: '系统管理员',
  security: '安全管理员',
  audit: '审计管理员',
};

const catalogue = new Map<string, PermissionDef>();

/**
 * Adds permissions to the catalogue. Other modules call this when they are imported, so every
 * permission a role may carry is known before the first request.
 */
export function registerPermissions(defs: readonly PermissionDef[]): void {
  for (const d of defs) {
    const existing = catalogue.get(d.code);
    if (existing && (existing.adminClass !== d.adminClass || existing.name !== d.name)) {
      throw new Error(`permission ${d.code} registered twice with different definitions`);
    }
    catalogue.set(d.code, d);
  }
}

registerPermissions([
  { code: 'org.read', name: '查看组织机构', group: '组织机构', adminClass: 'system' },
  { code: 'org.manage', name: '管理组织机构', group: '组织机构', adminClass: 'system' },
  { code: 'user.read', name: '查看用户', group: '用户管理', adminClass: 'system' },
  {
    code: 'user.manage',
    name: '管理用户（新建、修改、停用、重置密码）',
    group: '用户管理',
    adminClass: 'system',
  },
  { code: 'calendar.manage', name: '维护工作日历', group: '工作日历', adminClass: 'system' },
  { code: 'user.unlock', name: '解锁账号、重置双因素认证', group: '安全管理', adminClass: 'security' },
  { code: 'role.read', name: '查看角色与授权', group: '安全管理', adminClass: 'security' },
  { code: 'role.assign', name: '为用户分配角色', group: '安全管理', adminClass: 'security' },
  { code: 'role.manage', name: '新建、修改角色', group: '安全管理', adminClass: 'security' },
  { code: 'audit.read', name: '查阅审计日志', group: '安全审计', adminClass: 'audit' },
  { code: 'audit.verify', name: '校验审计日志完整性', group: '安全审计', adminClass: 'audit' },
  { code: 'inbox.read', name: '查看站内消息', group: '日常办公', adminClass: null },
  { code: 'file.read', name: '查看本机构及下级机构的附件', group: '日常办公', adminClass: null },
]);

export function listPermissions(): PermissionDef[] {
  return [...catalogue.values()];
}

export function permissionDef(code: string): PermissionDef | undefined {
  return catalogue.get(code);
}

export interface BuiltinRoleDef {
  id: string;
  code: string;
  name: string;
  description: string;
  adminClass: AdminClass | null;
  permissions: readonly string[];
}

/**
 * Seeded by migration 20261124060000_identity_totp_step_and_builtin_roles.sql with these ids; a test
 * checks that the rows and this list agree. The security and audit administrators also read
 * organisations and users: the one to find the accounts it unlocks and grants roles to, the other to
 * filter the audit log by person and department. That is why built-in roles are exempt from the
 * one-class rule that custom roles follow.
 */
export const BUILTIN_ROLES: readonly BuiltinRoleDef[] = [
  {
    id: '01900000-0000-7000-8000-000000000001',
    code: 'sysadmin',
    name: '系统管理员',
    description: '维护组织机构、用户账号和工作日历；不能分配角色，不能查阅审计日志',
    adminClass: 'system',
    permissions: ['org.read', 'org.manage', 'user.read', 'user.manage', 'calendar.manage'],
  },
  {
    id: '01900000-0000-7000-8000-000000000002',
    code: 'secadmin',
    name: '安全管理员',
    description: '管理角色与授权，解锁账号，重置双因素认证',
    adminClass: 'security',
    permissions: ['user.unlock', 'role.read', 'role.assign', 'role.manage', 'org.read', 'user.read'],
  },
  {
    id: '01900000-0000-7000-8000-000000000003',
    code: 'auditadmin',
    name: '审计管理员',
    description: '查阅和校验审计日志',
    adminClass: 'audit',
    permissions: ['audit.read', 'audit.verify', 'org.read', 'user.read'],
  },
  {
    id: '01900000-0000-7000-8000-000000000004',
    code: 'staff',
    name: '工作人员',
    description: '日常办公：查看本单位组织机构和站内消息',
    adminClass: null,
    permissions: ['org.read', 'inbox.read'],
  },
  // Business roles of case handling and supervision (migration 20261124070100_case_roles.sql). Their
  // permissions are registered by the workflow, services, licences, ratings and supervision modules.
  {
    id: '01900000-0000-7000-8000-000000000011',
    code: 'window',
    name: '窗口工作人员',
    description: '受理申请、一次性告知补正、登记缴费、办理分配到本窗口的待办',
    adminClass: null,
    permissions: ['org.read', 'inbox.read', 'file.read', 'case.read', 'task.handle', 'fee.record'],
  },
  {
    id: '01900000-0000-7000-8000-000000000012',
    code: 'reviewer',
    name: '审查人员',
    description: '审查、核查、现场勘验等办理环节',
    adminClass: null,
    permissions: ['org.read', 'inbox.read', 'file.read', 'case.read', 'task.handle'],
  },
  {
    id: '01900000-0000-7000-8000-000000000013',
    code: 'approver',
    name: '审批负责人',
    description: '作出许可决定，批准延长办理期限，注销电子证照，处理差评整改',
    adminClass: null,
    permissions: [
      'org.read',
      'inbox.read',
      'file.read',
      'case.read',
      'task.handle',
      'case.extend.approve',
      'licence.read',
      'licence.revoke',
      'rating.read',
    ],
  },
  {
    id: '01900000-0000-7000-8000-000000000014',
    code: 'service_admin',
    name: '事项管理员',
    description: '编制和发布政务服务事项、申请表单和办理流程',
    adminClass: null,
    permissions: [
      'org.read',
      'inbox.read',
      'case.read',
      'service.manage',
      'service.publish',
      'process.manage',
    ],
  },
  {
    id: '01900000-0000-7000-8000-000000000015',
    code: 'supervisor',
    name: '电子监察员',
    description: '监察办件时限和异常，发出督办，查看评价和绩效',
    adminClass: null,
    permissions: [
      'org.read',
      'inbox.read',
      'file.read',
      'case.read',
      'supervision.read',
      'supervision.order',
      'rating.read',
      'licence.read',
    ],
  },
  // Website cluster roles (migration 20261124082000_cms.sql); permissions registered by the cms module.
  {
    id: '01900000-0000-7000-8000-000000000021',
    code: 'cms_editor',
    name: '网站编辑',
    description: '撰写、修改和提交本单位网站的稿件，向其他网站报送信息',
    adminClass: null,
    permissions: ['org.read', 'inbox.read', 'file.read', 'cms.article.edit'],
  },
  {
    id: '01900000-0000-7000-8000-000000000022',
    code: 'cms_reviewer',
    name: '网站审核',
    description: '审核、发布、退回和撤下本单位网站的稿件，采用其他网站报送的信息',
    adminClass: null,
    permissions: ['org.read', 'inbox.read', 'file.read', 'cms.article.edit', 'cms.article.review'],
  },
  {
    id: '01900000-0000-7000-8000-000000000023',
    code: 'cms_admin',
    name: '网站管理员',
    description: '管理本单位的网站、栏目、页脚标识和栏目订阅',
    adminClass: null,
    permissions: ['org.read', 'inbox.read', 'file.read', 'cms.site.manage'],
  },
  // Government information disclosure (migration 20261124083000_disclosure.sql); permissions registered
  // by the disclosure module.
  {
    id: '01900000-0000-7000-8000-000000000031',
    code: 'disclosure_officer',
    name: '政府信息公开工作人员',
    description: '维护公开指南、公开目录和年度报告，办理依申请公开',
    adminClass: null,
    permissions: [
      'org.read',
      'inbox.read',
      'file.read',
      'case.read',
      'task.handle',
      'disclosure.catalogue.edit',
      'disclosure.request.handle',
      'disclosure.report.edit',
    ],
  },
];

/**
 * The administrator class a set of permissions amounts to, or an explanation of why the set mixes
 * classes. Used for custom roles.
 */
export function classOfPermissions(
  codes: readonly string[],
): { ok: true; adminClass: AdminClass | null } | { ok: false; reason: string } {
  const classes = new Set<AdminClass | null>();
  for (const c of codes) classes.add(permissionDef(c)?.adminClass ?? null);
  const admin = [...classes].filter((c): c is AdminClass => c !== null);
  if (admin.length > 1) {
    return {
      ok: false,
      reason: `同一角色不能同时包含${admin.map((c) => ADMIN_CLASS_NAMES[c]).join('、')}的权限（三员分立）`,
    };
  }
  if (admin.length === 1 && classes.has(null)) {
    return {
      ok: false,
      reason: `管理员权限（${ADMIN_CLASS_NAMES[admin[0]!]}）不能与业务权限放在同一角色中（三员分立）`,
    };
  }
  return { ok: true, adminClass: admin[0] ?? null };
}

/**
 * 三员分立 for one account: the roles it would hold may span at most one administrator class, and an
 * administrator holds no business role. Returns why not, or null.
 */
export function accountSeparationProblem(
  roles: readonly { name: string; adminClass: AdminClass | null }[],
): string | null {
  const admin = [...new Set(roles.map((r) => r.adminClass).filter((c): c is AdminClass => c !== null))];
  if (admin.length > 1) {
    return `同一账号不能兼任${admin.map((c) => ADMIN_CLASS_NAMES[c]).join('和')}（三员分立）`;
  }
  const business = roles.filter((r) => r.adminClass === null);
  if (admin.length === 1 && business.length > 0) {
    return `${ADMIN_CLASS_NAMES[admin[0]!]}账号不能同时持有业务角色“${business[0]!.name}”（三员分立）`;
  }
  return null;
}
