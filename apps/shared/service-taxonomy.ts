// Code lists of the service catalogue (DOMAIN §2.3–2.4): item types, online depth, audiences, the
// themes and life events the hall browses by, and the enumerations of materials and limits. The
// server checks items against them (modules/services/services.rules.ts) and serves them at
// GET /service-taxonomy; the console's item editor offers them.

export const ITEM_TYPES = [
  { code: '01', name: '行政许可' },
  { code: '02', name: '行政处罚' },
  { code: '03', name: '行政强制' },
  { code: '04', name: '行政征收' },
  { code: '05', name: '行政给付' },
  { code: '06', name: '行政检查' },
  { code: '07', name: '行政确认' },
  { code: '08', name: '行政奖励' },
  { code: '09', name: '行政裁决' },
  { code: '10', name: '其他行政权力' },
  { code: '20', name: '公共服务' },
] as const;
export type ItemTypeCode = (typeof ITEM_TYPES)[number]['code'];
export const ITEM_TYPE_CODES: readonly string[] = ITEM_TYPES.map((t) => t.code);

export function itemTypeName(code: string): string {
  return ITEM_TYPES.find((t) => t.code === code)?.name ?? code;
}

/** 行政权力 items: decisions the applicant may challenge, so the guide must name the remedies. */
export function isAdministrativePower(code: string): boolean {
  return code !== '20';
}

/** 网上办理深度 as the national platform grades it. */
export const ONLINE_DEPTHS = [
  { level: 1, name: '一级 信息发布', description: '网上提供办事指南，申请人到现场提交材料、办理' },
  { level: 2, name: '二级 表格下载', description: '网上可下载申请表格和示范文本，到现场提交材料' },
  {
    level: 3,
    name: '三级 网上受理',
    description: '网上提交申请和电子材料，网上预审受理，到现场领取结果或核验原件',
  },
  { level: 4, name: '四级 全程网办', description: '申请、受理、审查、决定、送达全程网上办理，无需到现场' },
] as const;
export type OnlineDepth = 1 | 2 | 3 | 4;

export function onlineDepthName(level: number): string {
  return ONLINE_DEPTHS.find((d) => d.level === level)?.name ?? String(level);
}

export const AUDIENCES = [
  { code: 'person', name: '自然人' },
  { code: 'enterprise', name: '法人' },
] as const;
export type Audience = (typeof AUDIENCES)[number]['code'];

/** 主题分类 (national platform themes), each for people, enterprises or both. */
export const THEMES: readonly { code: string; name: string; audience: readonly Audience[] }[] = [
  { code: 'birth', name: '生育收养', audience: ['person'] },
  { code: 'household', name: '户籍办理', audience: ['person'] },
  { code: 'education', name: '教育科研', audience: ['person', 'enterprise'] },
  { code: 'employment', name: '就业创业', audience: ['person'] },
  { code: 'qualification', name: '职业资格', audience: ['person', 'enterprise'] },
  { code: 'social_security', name: '社会保障', audience: ['person', 'enterprise'] },
  { code: 'medical', name: '医疗卫生', audience: ['person', 'enterprise'] },
  { code: 'housing', name: '住房保障', audience: ['person'] },
  { code: 'property', name: '不动产登记', audience: ['person', 'enterprise'] },
  { code: 'transport', name: '交通出行', audience: ['person'] },
  { code: 'marriage', name: '婚姻登记', audience: ['person'] },
  { code: 'public_safety', name: '公共安全', audience: ['person', 'enterprise'] },
  { code: 'establishment', name: '设立变更', audience: ['person', 'enterprise'] },
  { code: 'operating_permit', name: '准营准办', audience: ['person', 'enterprise'] },
  { code: 'construction', name: '规划建设', audience: ['enterprise'] },
  { code: 'transport_business', name: '交通运输', audience: ['enterprise'] },
  { code: 'environment', name: '环保绿化', audience: ['enterprise'] },
  { code: 'food_drug', name: '食品药品', audience: ['person', 'enterprise'] },
  { code: 'city_management', name: '市容环境', audience: ['enterprise'] },
  { code: 'other', name: '其他', audience: ['person', 'enterprise'] },
];

/** 人生事件 / 企业事件 the hall offers as "一件事" entry points. */
export const LIFE_EVENTS: readonly { code: string; name: string; audience: readonly Audience[] }[] = [
  { code: 'newborn', name: '新生儿出生', audience: ['person'] },
  { code: 'schooling', name: '入学就读', audience: ['person'] },
  { code: 'job', name: '就业工作', audience: ['person'] },
  { code: 'teaching', name: '从事教师职业', audience: ['person'] },
  { code: 'marriage', name: '结婚生育', audience: ['person'] },
  { code: 'home_buying', name: '购房置业', audience: ['person', 'enterprise'] },
  { code: 'retirement', name: '退休养老', audience: ['person'] },
  { code: 'start_business', name: '开办企业', audience: ['person', 'enterprise'] },
  { code: 'open_restaurant', name: '开餐馆', audience: ['person', 'enterprise'] },
  { code: 'open_shop', name: '开店经营', audience: ['person', 'enterprise'] },
  { code: 'open_pharmacy', name: '开药店', audience: ['person', 'enterprise'] },
  { code: 'open_clinic', name: '开诊所', audience: ['person', 'enterprise'] },
  { code: 'open_hotel', name: '开宾馆', audience: ['person', 'enterprise'] },
  { code: 'construction_project', name: '工程建设项目审批', audience: ['enterprise'] },
  { code: 'transport_business', name: '从事道路运输', audience: ['enterprise'] },
];

export { DAY_UNITS } from './days.ts';

export const MATERIAL_NECESSITIES = [
  { code: 'required', name: '必要' },
  { code: 'optional', name: '非必要' },
  { code: 'deferrable', name: '容缺后补' },
] as const;
export const MATERIAL_FORMS = [
  { code: 'original', name: '原件' },
  { code: 'copy', name: '复印件' },
  { code: 'both', name: '原件和复印件' },
] as const;
export const MATERIAL_MEDIA = [
  { code: 'paper', name: '纸质' },
  { code: 'electronic', name: '电子' },
  { code: 'both', name: '纸质和电子' },
] as const;
export const MATERIAL_SOURCES = [
  { code: 'applicant', name: '申请人自备' },
  { code: 'government', name: '政府部门核发' },
  { code: 'other', name: '其他' },
] as const;

export const RESULT_TYPES = [
  { code: 'licence', name: '证照' },
  { code: 'approval', name: '批文' },
  { code: 'certificate', name: '证明' },
  { code: 'other', name: '其他' },
] as const;

export const ITEM_STATUSES = [
  { code: 'draft', name: '草稿' },
  { code: 'published', name: '已发布' },
  { code: 'suspended', name: '暂停办理' },
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number]['code'];

export function nameOf(list: readonly { code: string; name: string }[], code: string): string {
  return list.find((x) => x.code === code)?.name ?? code;
}

export const THEME_CODES: ReadonlySet<string> = new Set(THEMES.map((t) => t.code));
export const LIFE_EVENT_CODES: ReadonlySet<string> = new Set(LIFE_EVENTS.map((t) => t.code));
