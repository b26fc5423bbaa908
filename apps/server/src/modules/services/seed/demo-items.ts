// The demo region's service items: real items of 丽水市 departments and of 青田县, with their legal
// bases cited by law and article, their materials, limits, forms and processes. Addresses and phone
// numbers of the halls are demo values. Fees appear only where a law or regulation sets one
// (行政许可法 Art. 58): the 不动产登记费 and 证书工本费 of a property transfer.
import type { ItemInput, MaterialInput } from '../services.rules.ts';
import {
  COMPLAINT,
  CITY_REMEDIES,
  cityWindow,
  consultation,
  enterpriseSection,
  entityOrPersonSection,
  FREE_LICENCE_FAQ,
  personSection,
  QINGTIAN_HALL,
  QINGTIAN_REMEDIES,
  siteFields,
} from './demo-common.ts';
import type { DemoProcessKind } from './demo-processes.ts';

export interface DemoItem {
  /** Stable key for other seeds (licensing demo cases). */
  key: string;
  orgName: string;
  processCode: string;
  processName: string;
  process: DemoProcessKind;
  /** Second department of a parallel review. */
  partnerOrgName?: string;
  input: Omit<ItemInput, 'orgId' | 'processCode' | 'implementationCode'>;
}

type M = Omit<MaterialInput, 'name' | 'necessity' | 'originalOrCopy' | 'medium' | 'source'> &
  Partial<Pick<MaterialInput, 'necessity' | 'originalOrCopy' | 'medium' | 'source'>>;

function mat(name: string, o: M = {}): MaterialInput {
  return {
    name,
    necessity: o.necessity ?? 'required',
    originalOrCopy: o.originalOrCopy ?? 'original',
    medium: o.medium ?? 'electronic',
    copies: o.copies ?? ((o.medium ?? 'electronic') === 'electronic' ? 0 : 1),
    source: o.source ?? 'applicant',
    ...o,
  };
}

/** Licences, IDs and the like the platform obtains from other departments (数据共享, 免提交). */
function shared(name: string, note: string): MaterialInput {
  return mat(name, {
    originalOrCopy: 'copy',
    source: 'government',
    sourceNote: note,
    note: '通过部门间数据共享获取，申请人无需提交；共享数据不可用时请上传复印件',
    necessity: 'optional',
  });
}

const yesNo = [
  { value: 'yes', label: '是' },
  { value: 'no', label: '否' },
];

export const DEMO_ITEMS: readonly DemoItem[] = [
  // ------------------------------------------------------------ 食品经营许可 (并联审查)
  {
    key: 'food-business',
    orgName: '丽水市市场监督管理局',
    processCode: 'svc.lishui.food-business',
    processName: '食品经营许可（市场监管、卫生健康并联审查）',
    process: 'parallel',
    partnerOrgName: '丽水市卫生健康委员会',
    input: {
      name: '食品经营许可',
      basicCode: '000117004000',
      handleCode: '000117004000-01',
      itemType: '01',
      audience: ['person', 'enterprise'],
      themes: ['operating_permit', 'food_drug'],
      lifeEvents: ['open_restaurant', 'open_shop'],
      legalBasis:
        '1.《中华人民共和国食品安全法》第三十五条第一款：国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可。但是，销售食用农产品和仅销售预包装食品的，不需要取得许可。仅销售预包装食品的，应当报所在地县级以上地方人民政府食品安全监督管理部门备案。\n2.《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）。',
      acceptanceConditions:
        '依照《中华人民共和国食品安全法》第三十三条，申请人应当：\n（一）具有与经营的食品品种、数量相适应的食品原料处理和食品加工、销售、贮存等场所，保持该场所环境整洁，并与有毒、有害场所以及其他污染源保持规定的距离；\n（二）具有与经营的食品品种、数量相适应的经营设备或者设施；\n（三）有专职或者兼职的食品安全专业技术人员、食品安全管理人员和保证食品安全的规章制度；\n（四）具有合理的设备布局和工艺流程，防止待加工食品与直接入口食品、原料与成品交叉污染，避免食品接触有毒物、不洁物；\n（五）法律、法规规定的其他条件。',
      quantityLimit: '无数量限制',
      legalLimitDays: 10,
      legalLimitUnit: 'working',
      legalLimitNote:
        '《食品经营许可和备案管理办法》规定自受理申请之日起10个工作日内作出是否准予许可的决定；因特殊原因需要延长的，经本行政机关负责人批准可延长5个工作日。',
      promisedLimitDays: 5,
      promisedLimitUnit: 'working',
      promisedLimitNote: '材料齐全、现场核查符合要求的，自受理之日起5个工作日内办结。',
      specialProcedures: [
        {
          name: '现场核查',
          days: 5,
          unit: 'working',
          basis: '《食品经营许可和备案管理办法》',
          counted: true,
          note: '需要对申请材料的实质内容进行核实的，由两名以上核查人员到经营场所现场核查；仅申请预包装食品销售（含冷藏冷冻）的可不进行现场核查。',
        },
      ],
      processDescription:
        '1. 网上申请：在丽水政务服务网“食品经营许可”在线填写申请表并上传材料；\n2. 受理：窗口审查材料，材料不齐全的一次性告知需要补正的全部内容；\n3. 并联审查：市场监督管理部门审查材料并组织现场核查，卫生健康部门同步出具卫生学审查意见；\n4. 决定：作出准予或者不予许可的决定；\n5. 发证：准予许可的，核发食品经营许可证（电子证照与纸质证书同等效力）。',
      visitsRequired: 0,
      visitsExplanation: '',
      onlineDepth: 4,
      locations: [cityWindow('二楼市场监管综合窗口（12-15 号）', '0578-2134567')],
      consultation: consultation('0578-2134567'),
      complaint: COMPLAINT,
      remedies: CITY_REMEDIES,
      faq: [
        {
          question: '只卖预包装食品要办食品经营许可证吗？',
          answer:
            '不需要。仅销售预包装食品的，向所在地市场监督管理部门备案即可（《中华人民共和国食品安全法》第三十五条）。',
        },
        FREE_LICENCE_FAQ,
        {
          question: '食品经营许可证有效期多久？',
          answer: '食品经营许可证有效期为5年。需要延续的，应当在有效期届满前向原发证机关提出申请。',
        },
      ],
      result: { type: 'licence', name: '食品经营许可证', validityYears: 5 },
      fees: [],
      materials: [
        mat('食品经营许可申请书', { note: '在线填写申请表后自动生成，申请人签字（盖章）后上传' }),
        shared('营业执照或者其他主体资格证明文件', '市场监督管理部门登记信息'),
        mat('与食品经营相适应的主要设备设施、经营布局、操作流程等文件', {
          originalOrCopy: 'copy',
          note: '包括经营场所平面布局图、主要设备设施清单；餐饮服务还应提交操作流程说明',
        }),
        mat('食品安全自查、从业人员健康管理、进货查验记录、食品安全事故处置等保证食品安全的规章制度目录', {
          necessity: 'deferrable',
          originalOrCopy: 'copy',
          note: '可容缺受理，在现场核查前补交',
        }),
        mat('委托代理人身份证明及授权委托书', {
          necessity: 'optional',
          note: '委托他人办理时提交',
        }),
      ],
      form: {
        sections: [
          entityOrPersonSection(),
          {
            key: 'business',
            title: '经营信息',
            fields: [
              {
                key: 'businessType',
                label: '主体业态',
                type: 'select',
                required: true,
                options: [
                  { value: 'retail', label: '食品销售经营者' },
                  { value: 'catering', label: '餐饮服务经营者' },
                  { value: 'canteen', label: '单位食堂' },
                ],
              },
              {
                key: 'items',
                label: '经营项目',
                type: 'checkbox',
                required: true,
                options: [
                  { value: 'prepackaged_cold', label: '预包装食品销售（含冷藏冷冻食品）' },
                  { value: 'bulk', label: '散装食品销售' },
                  { value: 'special', label: '特殊食品销售' },
                  { value: 'hot', label: '热食类食品制售' },
                  { value: 'cold', label: '冷食类食品制售' },
                  { value: 'raw', label: '生食类食品制售' },
                  { value: 'drinks', label: '自制饮品制售' },
                ],
              },
              {
                key: 'floorArea',
                label: '经营场所面积',
                type: 'number',
                required: true,
                min: 1,
                max: 100000,
                unit: '平方米',
              },
              ...siteFields(),
              { key: 'online', label: '是否从事网络经营', type: 'radio', required: true, options: yesNo },
              {
                key: 'platform',
                label: '网络经营平台名称',
                type: 'text',
                required: true,
                maxLength: 100,
                visibleWhen: { field: 'online', equals: 'yes' },
              },
            ],
          },
          {
            key: 'staff',
            title: '食品安全管理人员及从业人员',
            fields: [
              {
                key: 'employees',
                label: '从业人员',
                type: 'group',
                minItems: 1,
                maxItems: 30,
                fields: [
                  { key: 'name', label: '姓名', type: 'text', required: true, maxLength: 50 },
                  { key: 'idNumber', label: '公民身份号码', type: 'id_number', required: true },
                  {
                    key: 'post',
                    label: '岗位',
                    type: 'select',
                    required: true,
                    options: [
                      { value: 'manager', label: '食品安全管理员' },
                      { value: 'cook', label: '厨师' },
                      { value: 'server', label: '服务人员' },
                      { value: 'other', label: '其他' },
                    ],
                  },
                  { key: 'healthCertNo', label: '健康证明编号', type: 'text', required: true, maxLength: 40 },
                ],
              },
            ],
          },
        ],
      },
    },
  },

  // ------------------------------------------------------------ 公共场所卫生许可
  {
    key: 'public-hygiene',
    orgName: '丽水市卫生健康委员会',
    processCode: 'svc.lishui.public-hygiene',
    processName: '公共场所卫生许可',
    process: 'standard',
    input: {
      name: '公共场所卫生许可',
      basicCode: '000121007000',
      itemType: '01',
      audience: ['person', 'enterprise'],
      themes: ['operating_permit', 'medical'],
      lifeEvents: ['open_hotel', 'open_shop'],
      legalBasis:
        '1.《公共场所卫生管理条例》第八条：除公园、体育场（馆）、公共交通工具外的公共场所，经营单位应当及时向卫生行政部门申请办理“卫生许可证”。\n2.《公共场所卫生管理条例实施细则》（原卫生部令第80号）。',
      acceptanceConditions:
        '1. 经营场所选址、设计、装修符合国家有关卫生标准和规范；\n2. 具有与经营规模相适应的卫生设施、设备，空气、微小气候、水质、采光照明、噪声、顾客用品用具等符合国家卫生标准和要求；\n3. 建立卫生管理制度，配备专（兼）职卫生管理人员；\n4. 从业人员取得有效健康合格证明。',
      legalLimitDays: 20,
      legalLimitUnit: 'working',
      legalLimitNote:
        '依照《中华人民共和国行政许可法》第四十二条和《公共场所卫生管理条例实施细则》，自受理之日起20个工作日内作出决定。',
      promisedLimitDays: 7,
      promisedLimitUnit: 'working',
      promisedLimitNote: '含现场审核时间。',
      specialProcedures: [
        {
          name: '现场审核',
          days: 3,
          unit: 'working',
          basis: '《公共场所卫生管理条例实施细则》',
          counted: true,
          note: '卫生监督员到场对卫生设施、布局和卫生管理制度进行审核。',
        },
      ],
      processDescription: '网上申请 → 受理 → 资料审查和现场审核 → 决定 → 送达卫生许可证。',
      visitsRequired: 0,
      onlineDepth: 4,
      locations: [cityWindow('二楼卫生健康窗口（18 号）', '0578-2156789')],
      consultation: consultation('0578-2156789'),
      complaint: COMPLAINT,
      remedies: CITY_REMEDIES,
      faq: [
        FREE_LICENCE_FAQ,
        { question: '卫生许可证有效期多久？', answer: '公共场所卫生许可证有效期限为四年，每两年复核一次。' },
      ],
      result: { type: 'licence', name: '公共场所卫生许可证', validityYears: 4 },
      fees: [],
      materials: [
        mat('公共场所卫生许可申请表'),
        shared('营业执照', '市场监督管理部门登记信息'),
        mat('法定代表人或者负责人身份证明', { originalOrCopy: 'copy' }),
        mat('公共场所地址方位示意图、平面图和卫生设施平面布局图', { originalOrCopy: 'copy' }),
        mat('公共场所卫生检测或者评价报告', {
          originalOrCopy: 'copy',
          source: 'other',
          sourceNote: '由具备资质的检测机构出具',
        }),
        mat('公共场所卫生管理制度', { originalOrCopy: 'copy', necessity: 'deferrable' }),
      ],
      form: {
        sections: [
          enterpriseSection(),
          {
            key: 'venue',
            title: '场所信息',
            fields: [
              { key: 'venueName', label: '场所名称', type: 'text', required: true, maxLength: 100 },
              {
                key: 'venueType',
                label: '场所类别',
                type: 'select',
                required: true,
                options: [
                  { value: 'lodging', label: '住宿场所（宾馆、旅店、招待所）' },
                  { value: 'bathing', label: '沐浴场所' },
                  { value: 'beauty', label: '美容美发场所' },
                  { value: 'swimming', label: '游泳场所' },
                  { value: 'other', label: '其他公共场所' },
                ],
              },
              {
                key: 'rooms',
                label: '客房数',
                type: 'number',
                integer: true,
                min: 1,
                max: 5000,
                unit: '间',
                required: true,
                visibleWhen: { field: 'venueType', equals: 'lodging' },
              },
              {
                key: 'floorArea',
                label: '营业面积',
                type: 'number',
                required: true,
                min: 1,
                max: 200000,
                unit: '平方米',
              },
              {
                key: 'staffCount',
                label: '从业人员人数',
                type: 'number',
                required: true,
                integer: true,
                min: 1,
                max: 10000,
                unit: '人',
              },
              ...siteFields('场所地址'),
            ],
          },
        ],
      },
    },
  },

  // ------------------------------------------------------------ 建筑工程施工许可
  {
    key: 'construction-permit',
    orgName: '丽水市住房和城乡建设局',
    processCode: 'svc.lishui.construction-permit',
    processName: '建筑工程施工许可',
    process: 'standard',
    input: {
      name: '建筑工程施工许可',
      basicCode: '000114001000',
      itemType: '01',
      audience: ['enterprise'],
      themes: ['construction'],
      lifeEvents: ['construction_project'],
      legalBasis:
        '1.《中华人民共和国建筑法》第七条：建筑工程开工前，建设单位应当按照国家有关规定向工程所在地县级以上人民政府建设行政主管部门申请领取施工许可证。\n2.《中华人民共和国建筑法》第八条（申请领取施工许可证的条件及发证期限）。\n3.《建筑工程施工许可管理办法》（住房和城乡建设部令第18号，根据住房和城乡建设部令第52号修正）。',
      acceptanceConditions:
        '依照《中华人民共和国建筑法》第八条：（一）已经办理该建筑工程用地批准手续；（二）依法应当办理建设工程规划许可证的，已经取得建设工程规划许可证；（三）需要拆迁的，其拆迁进度符合施工要求；（四）已经确定建筑施工企业；（五）有满足施工需要的资金安排、施工图纸及技术资料；（六）有保证工程质量和安全的具体措施。',
      quantityLimit:
        '工程投资额在30万元以下或者建筑面积在300平方米以下的建筑工程，可以不申请办理施工许可证（《建筑工程施工许可管理办法》第二条）。',
      legalLimitDays: 7,
      legalLimitUnit: 'working',
      legalLimitNote:
        '《中华人民共和国建筑法》第八条：建设行政主管部门应当自收到申请之日起七日内，对符合条件的申请颁发施工许可证。',
      promisedLimitDays: 3,
      promisedLimitUnit: 'working',
      promisedLimitNote: '工程建设项目审批制度改革承诺时限。',
      specialProcedures: [],
      processDescription:
        '网上申请（浙江省工程建设项目审批管理系统同步）→ 受理 → 审查 → 决定 → 核发建筑工程施工许可证（电子证照）。',
      visitsRequired: 0,
      onlineDepth: 4,
      locations: [cityWindow('三楼工程建设项目审批综合窗口（31-36 号）', '0578-2178901')],
      consultation: consultation('0578-2178901'),
      complaint: COMPLAINT,
      remedies: CITY_REMEDIES,
      faq: [
        FREE_LICENCE_FAQ,
        {
          question: '施工许可证领取后多久必须开工？',
          answer:
            '建设单位应当自领取施工许可证之日起三个月内开工；因故不能按期开工的，应当向发证机关申请延期（《中华人民共和国建筑法》第九条）。',
        },
      ],
      result: { type: 'licence', name: '建筑工程施工许可证', validityYears: null },
      fees: [],
      materials: [
        mat('建筑工程施工许可证申请表'),
        shared('建设工程规划许可证', '自然资源和规划部门核发，系统共享'),
        mat('施工合同', { originalOrCopy: 'copy', note: '含施工单位、监理单位中标（发包）文件' }),
        shared('施工图设计文件审查合格书', '施工图联合审查系统共享'),
        mat('建设资金已经落实承诺书'),
        mat('保证工程质量和安全的具体措施', { originalOrCopy: 'copy', necessity: 'deferrable' }),
      ],
      form: {
        sections: [
          enterpriseSection('建设单位信息'),
          {
            key: 'project',
            title: '工程信息',
            fields: [
              { key: 'projectName', label: '工程名称', type: 'text', required: true, maxLength: 150 },
              {
                key: 'projectCode',
                label: '投资项目代码',
                type: 'text',
                required: true,
                maxLength: 40,
                help: '浙江省投资项目在线审批监管平台赋予的项目代码',
              },
              {
                key: 'projectType',
                label: '工程类别',
                type: 'radio',
                required: true,
                options: [
                  { value: 'building', label: '房屋建筑工程' },
                  { value: 'municipal', label: '市政基础设施工程' },
                ],
              },
              {
                key: 'contractPrice',
                label: '合同价格',
                type: 'number',
                required: true,
                min: 30,
                max: 10000000,
                unit: '万元',
              },
              {
                key: 'floorArea',
                label: '建筑面积',
                type: 'number',
                required: true,
                min: 0,
                max: 10000000,
                unit: '平方米',
              },
              { key: 'startDate', label: '计划开工日期', type: 'date', required: true },
              { key: 'endDate', label: '计划竣工日期', type: 'date', required: true },
              ...siteFields('建设地址'),
            ],
          },
          {
            key: 'parties',
            title: '参建单位',
            fields: [
              {
                key: 'parties',
                label: '参建单位',
                type: 'group',
                minItems: 2,
                maxItems: 10,
                fields: [
                  {
                    key: 'role',
                    label: '单位类型',
                    type: 'select',
                    required: true,
                    options: [
                      { value: 'contractor', label: '施工单位' },
                      { value: 'supervisor', label: '监理单位' },
                      { value: 'designer', label: '设计单位' },
                      { value: 'surveyor', label: '勘察单位' },
                    ],
                  },
                  { key: 'name', label: '单位名称', type: 'text', required: true, maxLength: 100 },
                  { key: 'creditCode', label: '统一社会信用代码', type: 'credit_code', required: true },
                  { key: 'manager', label: '项目负责人', type: 'text', required: true, maxLength: 50 },
                  { key: 'phone', label: '联系电话', type: 'phone', required: true },
                ],
              },
            ],
          },
        ],
      },
    },
  },

  // ------------------------------------------------------------ 个体工商户设立登记 (市级)
  {
    key: 'individual-business',
    orgName: '丽水市市场监督管理局',
    processCode: 'svc.lishui.individual-business',
    processName: '个体工商户设立登记（即办）',
    process: 'register',
    input: individualBusiness('00011700A000'),
  },

  // ------------------------------------------------------------ 社会保障卡申领
  {
    key: 'social-security-card',
    orgName: '丽水市人力资源和社会保障局',
    processCode: 'svc.lishui.social-security-card',
    processName: '社会保障卡申领',
    process: 'card',
    input: {
      name: '社会保障卡申领',
      basicCode: '001093008000',
      itemType: '20',
      audience: ['person'],
      themes: ['social_security'],
      lifeEvents: ['job', 'newborn'],
      legalBasis:
        '《中华人民共和国社会保险法》第五十八条第三款：国家建立全国统一的个人社会保障号码。个人社会保障号码为公民身份号码。',
      acceptanceConditions:
        '参加丽水市社会保险或者户籍在丽水市的人员，此前未申领或者需要补领、换领社会保障卡。',
      legalLimitDays: 10,
      legalLimitUnit: 'working',
      legalLimitNote: '法律、法规未规定办理时限，按本机关公布的服务承诺办理。',
      promisedLimitDays: 10,
      promisedLimitUnit: 'working',
      promisedLimitNote: '选择合作银行网点即时制卡的，当场领卡。',
      processDescription: '网上申请 → 受理（核验身份和照片）→ 制卡 → 网点领取或邮寄到家。',
      visitsRequired: 0,
      onlineDepth: 4,
      locations: [cityWindow('一楼人力社保窗口（3-6 号）', '0578-2123123')],
      consultation: consultation('12333'),
      complaint: COMPLAINT,
      remedies: { reconsideration: null, litigation: null },
      faq: [
        { question: '申领社会保障卡收费吗？', answer: '首次申领不收取费用。' },
        {
          question: '可以帮家人申领吗？',
          answer: '可以。未成年人由监护人代为申请，申请时填写被申领人的身份信息并上传监护关系证明。',
        },
      ],
      result: { type: 'other', name: '社会保障卡', validityYears: 10 },
      fees: [],
      materials: [
        mat('本人近期免冠证件照片（电子）', { note: 'JPG 格式，白色背景，358×441 像素' }),
        shared('居民身份证', '公安部门人口信息共享'),
        mat('监护关系证明', {
          necessity: 'optional',
          originalOrCopy: 'copy',
          note: '为未成年人代为申领时提交（户口簿或出生医学证明）',
        }),
      ],
      form: {
        sections: [
          personSection('申领人信息'),
          {
            key: 'card',
            title: '申领信息',
            fields: [
              {
                key: 'applyType',
                label: '申领类型',
                type: 'radio',
                required: true,
                options: [
                  { value: 'first', label: '首次申领' },
                  { value: 'replace', label: '补领（遗失）' },
                  { value: 'renew', label: '换领（损坏、到期）' },
                ],
              },
              {
                key: 'replaceReason',
                label: '补换原因',
                type: 'textarea',
                required: true,
                maxLength: 200,
                visibleWhen: { field: 'applyType', equals: ['replace', 'renew'] },
              },
              { key: 'hukouRegion', label: '户籍所在地', type: 'region', required: true },
              {
                key: 'delivery',
                label: '领卡方式',
                type: 'radio',
                required: true,
                options: [
                  { value: 'branch', label: '到合作银行网点领取' },
                  { value: 'post', label: '免费邮寄到家' },
                ],
              },
              {
                key: 'bank',
                label: '领卡网点',
                type: 'select',
                required: true,
                visibleWhen: { field: 'delivery', equals: 'branch' },
                options: [
                  { value: 'icbc', label: '中国工商银行丽水分行营业部' },
                  { value: 'abc', label: '中国农业银行丽水分行营业部' },
                  { value: 'boc', label: '中国银行丽水市分行营业部' },
                  { value: 'ccb', label: '中国建设银行丽水分行营业部' },
                  { value: 'zjnx', label: '丽水农商银行营业部' },
                ],
              },
              {
                key: 'postAddress',
                label: '邮寄地址',
                type: 'address',
                required: true,
                visibleWhen: { field: 'delivery', equals: 'post' },
              },
            ],
          },
        ],
      },
    },
  },

  // ------------------------------------------------------------ 道路运输经营许可
  {
    key: 'road-transport',
    orgName: '丽水市交通运输局',
    processCode: 'svc.lishui.road-transport',
    processName: '道路运输经营许可（道路旅客运输）',
    process: 'standard',
    input: {
      name: '道路运输经营许可',
      basicCode: '000137002000',
      handleCode: '000137002000-01',
      itemType: '01',
      audience: ['enterprise'],
      themes: ['transport_business'],
      lifeEvents: ['transport_business'],
      legalBasis:
        '1.《中华人民共和国道路运输条例》第八条（申请从事客运经营的条件）、第十条（客运经营许可的申请与决定）。\n2.《道路旅客运输及客运站管理规定》（交通运输部令）。',
      acceptanceConditions:
        '依照《中华人民共和国道路运输条例》第八条：（一）有与其经营业务相适应并经检测合格的车辆；（二）有符合本条例第九条规定条件的驾驶人员；（三）有健全的安全生产管理制度。申请从事班线客运经营的，还应当有明确的线路和站点方案。',
      legalLimitDays: 20,
      legalLimitUnit: 'working',
      legalLimitNote:
        '《中华人民共和国道路运输条例》第十条：自受理申请之日起20日内审查完毕，作出许可或者不予许可的决定。',
      promisedLimitDays: 10,
      promisedLimitUnit: 'working',
      specialProcedures: [
        {
          name: '征求相关客运经营者和线路途经地意见',
          days: 10,
          unit: 'working',
          basis: '《道路旅客运输及客运站管理规定》',
          counted: false,
          note: '申请班线客运经营的，需征求起讫地和途经地交通运输主管部门意见，所需时间不计入办理时限。',
        },
      ],
      processDescription:
        '网上申请 → 受理 → 审查（含车辆、驾驶人员和安全生产管理制度）→ 决定 → 核发道路运输经营许可证。',
      visitsRequired: 1,
      visitsExplanation: '领取纸质道路运输经营许可证时需到窗口核验企业印章（选择邮寄的无需到场）。',
      onlineDepth: 3,
      locations: [cityWindow('三楼交通运输窗口（38 号）', '0578-2181234')],
      consultation: consultation('0578-2181234'),
      complaint: COMPLAINT,
      remedies: CITY_REMEDIES,
      faq: [FREE_LICENCE_FAQ],
      result: { type: 'licence', name: '道路运输经营许可证', validityYears: null },
      fees: [],
      materials: [
        mat('道路旅客运输经营申请表'),
        mat('企业章程文本', { originalOrCopy: 'copy' }),
        mat('投资人、负责人身份证明及经办人的身份证明和委托书', { originalOrCopy: 'copy' }),
        mat('拟投入车辆承诺书', {
          note: '包括客车数量、类型及等级、技术等级、座位数以及客车外廓长、宽、高等',
        }),
        mat('已聘用或者拟聘用驾驶人员的驾驶证和从业资格证，及近3年内无重大以上交通责任事故的证明', {
          originalOrCopy: 'copy',
        }),
        mat('安全生产管理制度文本', { originalOrCopy: 'copy', necessity: 'deferrable' }),
      ],
      form: {
        sections: [
          enterpriseSection(),
          {
            key: 'business',
            title: '申请经营范围',
            fields: [
              {
                key: 'scope',
                label: '经营类别',
                type: 'checkbox',
                required: true,
                options: [
                  { value: 'line', label: '班车客运' },
                  { value: 'charter', label: '包车客运' },
                  { value: 'tourism', label: '旅游客运' },
                ],
              },
              {
                key: 'area',
                label: '经营区域',
                type: 'select',
                required: true,
                options: [
                  { value: 'intercity', label: '市际' },
                  { value: 'intercounty', label: '县际' },
                  { value: 'county', label: '县内' },
                ],
              },
              {
                key: 'route',
                label: '拟开行线路及站点方案',
                type: 'textarea',
                required: true,
                maxLength: 1000,
                visibleWhen: { field: 'scope', equals: 'line' },
              },
              ...siteFields('企业住所'),
            ],
          },
          {
            key: 'vehicles',
            title: '拟投入车辆',
            fields: [
              {
                key: 'vehicles',
                label: '拟投入车辆',
                type: 'group',
                minItems: 1,
                maxItems: 20,
                fields: [
                  {
                    key: 'grade',
                    label: '客车类型及等级',
                    type: 'select',
                    required: true,
                    options: [
                      { value: 'large_high', label: '大型高级' },
                      { value: 'medium_high', label: '中型高级' },
                      { value: 'small_high', label: '小型高级' },
                      { value: 'medium', label: '中型中级' },
                    ],
                  },
                  {
                    key: 'seats',
                    label: '座位数',
                    type: 'number',
                    integer: true,
                    min: 5,
                    max: 70,
                    unit: '座',
                    required: true,
                  },
                  {
                    key: 'count',
                    label: '车辆数',
                    type: 'number',
                    integer: true,
                    min: 1,
                    max: 200,
                    unit: '辆',
                    required: true,
                  },
                ],
              },
            ],
          },
        ],
      },
    },
  },

  // ------------------------------------------------------------ 药品零售企业许可
  {
    key: 'pharmacy',
    orgName: '丽水市市场监督管理局',
    processCode: 'svc.lishui.pharmacy',
    processName: '药品零售企业许可',
    process: 'standard',
    input: {
      name: '药品零售企业许可',
      basicCode: '000118006000',
      itemType: '01',
      audience: ['person', 'enterprise'],
      themes: ['operating_permit', 'food_drug'],
      lifeEvents: ['open_pharmacy'],
      legalBasis:
        '1.《中华人民共和国药品管理法》第五十一条第一款：从事药品批发活动，应当经所在地省、自治区、直辖市人民政府药品监督管理部门批准，取得药品经营许可证。从事药品零售活动，应当经所在地县级以上地方人民政府药品监督管理部门批准，取得药品经营许可证。无药品经营许可证的，不得经营药品。\n2.《药品经营和使用质量监督管理办法》（国家市场监督管理总局令第84号）。',
      acceptanceConditions:
        '依照《中华人民共和国药品管理法》第五十二条：（一）有依法经过资格认定的药师或者其他药学技术人员；（二）有与所经营药品相适应的营业场所、设备、仓储设施和卫生环境；（三）有与所经营药品相适应的质量管理机构或者人员；（四）有保证药品质量的规章制度，并符合国务院药品监督管理部门依据本法制定的药品经营质量管理规范要求。',
      legalLimitDays: 20,
      legalLimitUnit: 'working',
      legalLimitNote: '依照《中华人民共和国行政许可法》第四十二条，自受理之日起20个工作日内作出决定。',
      promisedLimitDays: 10,
      promisedLimitUnit: 'working',
      specialProcedures: [
        {
          name: '现场检查',
          days: 5,
          unit: 'working',
          basis: '《药品经营和使用质量监督管理办法》',
          counted: true,
          note: '按照药品经营质量管理规范对营业场所、仓储设施和质量管理体系进行现场检查。',
        },
      ],
      processDescription: '网上申请 → 受理 → 资料审查和现场检查 → 决定 → 核发药品经营许可证。',
      visitsRequired: 0,
      onlineDepth: 4,
      locations: [cityWindow('二楼市场监管综合窗口（12-15 号）', '0578-2134567')],
      consultation: consultation('0578-2134567'),
      complaint: COMPLAINT,
      remedies: CITY_REMEDIES,
      faq: [
        FREE_LICENCE_FAQ,
        { question: '药品经营许可证有效期多久？', answer: '药品经营许可证有效期为5年。' },
      ],
      result: { type: 'licence', name: '药品经营许可证', validityYears: 5 },
      fees: [],
      materials: [
        mat('药品经营许可证申请表'),
        shared('营业执照', '市场监督管理部门登记信息'),
        mat('执业药师注册证及聘用合同', { originalOrCopy: 'copy' }),
        mat('营业场所、仓库平面布置图及房屋产权或者使用权证明', { originalOrCopy: 'copy' }),
        mat('质量管理文件及主要设施、设备目录', { originalOrCopy: 'copy', necessity: 'deferrable' }),
      ],
      form: {
        sections: [
          entityOrPersonSection(),
          {
            key: 'pharmacy',
            title: '药店信息',
            fields: [
              { key: 'storeName', label: '药店名称', type: 'text', required: true, maxLength: 100 },
              {
                key: 'mode',
                label: '经营方式',
                type: 'radio',
                required: true,
                options: [
                  { value: 'single', label: '零售（单体药店）' },
                  { value: 'chain', label: '零售连锁门店' },
                ],
              },
              {
                key: 'chainName',
                label: '所属连锁总部',
                type: 'text',
                required: true,
                maxLength: 100,
                visibleWhen: { field: 'mode', equals: 'chain' },
              },
              {
                key: 'scope',
                label: '经营范围',
                type: 'checkbox',
                required: true,
                options: [
                  { value: 'herbal_pieces', label: '中药饮片' },
                  { value: 'chinese_patent', label: '中成药' },
                  { value: 'chemical', label: '化学药' },
                  { value: 'biological', label: '生物制品' },
                ],
              },
              {
                key: 'shopArea',
                label: '营业面积',
                type: 'number',
                required: true,
                min: 40,
                max: 10000,
                unit: '平方米',
                help: '零售药店营业场所面积一般不少于 40 平方米',
              },
              ...siteFields('营业地址'),
            ],
          },
          {
            key: 'pharmacists',
            title: '执业药师',
            fields: [
              {
                key: 'pharmacists',
                label: '执业药师',
                type: 'group',
                minItems: 1,
                maxItems: 10,
                fields: [
                  { key: 'name', label: '姓名', type: 'text', required: true, maxLength: 50 },
                  { key: 'idNumber', label: '公民身份号码', type: 'id_number', required: true },
                  {
                    key: 'registrationNo',
                    label: '执业药师注册证编号',
                    type: 'text',
                    required: true,
                    maxLength: 40,
                  },
                  {
                    key: 'qualityLead',
                    label: '是否为质量负责人',
                    type: 'radio',
                    required: true,
                    options: yesNo,
                  },
                ],
              },
            ],
          },
        ],
      },
    },
  },

  // ------------------------------------------------------------ 医疗机构执业登记
  {
    key: 'medical-institution',
    orgName: '丽水市卫生健康委员会',
    processCode: 'svc.lishui.medical-institution',
    processName: '医疗机构执业登记',
    process: 'standard',
    input: {
      name: '医疗机构执业登记',
      basicCode: '000121002000',
      itemType: '01',
      audience: ['person', 'enterprise'],
      themes: ['medical', 'operating_permit'],
      lifeEvents: ['open_clinic'],
      legalBasis:
        '1.《医疗机构管理条例》第十五条：医疗机构执业，必须进行登记，领取《医疗机构执业许可证》。\n2.《医疗机构管理条例》第十六条（申请执业登记的条件）。\n3.《医疗机构管理条例实施细则》。',
      acceptanceConditions:
        '依照《医疗机构管理条例》第十六条：（一）按照规定应当办理设置医疗机构批准书的，已取得设置医疗机构批准书；（二）符合医疗机构的基本标准；（三）有适合的名称、组织机构和场所；（四）有与其开展的业务相适应的经费、设施、设备和专业卫生技术人员；（五）有相应的规章制度；（六）能够独立承担民事责任。',
      legalLimitDays: 45,
      legalLimitUnit: 'working',
      legalLimitNote: '《医疗机构管理条例》规定，登记机关自受理执业登记申请之日起45日内进行审核。',
      promisedLimitDays: 15,
      promisedLimitUnit: 'working',
      specialProcedures: [
        {
          name: '现场审核',
          days: 5,
          unit: 'working',
          basis: '《医疗机构管理条例实施细则》',
          counted: true,
          note: '对照医疗机构基本标准核查场所、设备和卫生技术人员。',
        },
      ],
      processDescription: '网上申请 → 受理 → 资料审查和现场审核 → 决定 → 核发医疗机构执业许可证。',
      visitsRequired: 0,
      onlineDepth: 4,
      locations: [cityWindow('二楼卫生健康窗口（18 号）', '0578-2156789')],
      consultation: consultation('0578-2156789'),
      complaint: COMPLAINT,
      remedies: CITY_REMEDIES,
      faq: [
        FREE_LICENCE_FAQ,
        {
          question: '诊所还需要先办设置审批吗？',
          answer:
            '设置诊所实行备案管理；其他需要设置审批的医疗机构，应当先取得设置医疗机构批准书再申请执业登记。',
        },
      ],
      result: { type: 'licence', name: '医疗机构执业许可证', validityYears: null },
      fees: [],
      materials: [
        mat('医疗机构执业登记申请书'),
        mat('设置医疗机构批准书或者设置备案回执', { originalOrCopy: 'copy' }),
        mat('医疗机构用房产权证明或者使用证明', { originalOrCopy: 'copy' }),
        mat('医疗机构建筑设计平面图', { originalOrCopy: 'copy' }),
        mat('验资证明、资产评估报告', { originalOrCopy: 'copy', necessity: 'optional' }),
        mat('医疗机构规章制度', { originalOrCopy: 'copy', necessity: 'deferrable' }),
        mat('医疗机构法定代表人或者主要负责人以及各科室负责人名录和有关资格证书、执业证书', {
          originalOrCopy: 'copy',
        }),
      ],
      form: {
        sections: [
          entityOrPersonSection(),
          {
            key: 'institution',
            title: '医疗机构信息',
            fields: [
              { key: 'institutionName', label: '医疗机构名称', type: 'text', required: true, maxLength: 100 },
              {
                key: 'category',
                label: '医疗机构类别',
                type: 'select',
                required: true,
                options: [
                  { value: 'clinic', label: '诊所' },
                  { value: 'outpatient', label: '门诊部' },
                  { value: 'hospital', label: '医院' },
                  { value: 'nursing', label: '护理院' },
                ],
              },
              {
                key: 'nature',
                label: '经营性质',
                type: 'radio',
                required: true,
                options: [
                  { value: 'profit', label: '营利性' },
                  { value: 'nonprofit', label: '非营利性' },
                ],
              },
              {
                key: 'departments',
                label: '诊疗科目',
                type: 'checkbox',
                required: true,
                options: [
                  { value: 'internal', label: '内科' },
                  { value: 'surgery', label: '外科' },
                  { value: 'pediatrics', label: '儿科' },
                  { value: 'stomatology', label: '口腔科' },
                  { value: 'tcm', label: '中医科' },
                  { value: 'lab', label: '医学检验科' },
                ],
              },
              {
                key: 'beds',
                label: '床位数',
                type: 'number',
                integer: true,
                min: 0,
                max: 5000,
                unit: '张',
                required: true,
              },
              ...siteFields('执业地址'),
            ],
          },
          {
            key: 'staff',
            title: '卫生技术人员',
            fields: [
              {
                key: 'practitioners',
                label: '卫生技术人员',
                type: 'group',
                minItems: 1,
                maxItems: 50,
                fields: [
                  { key: 'name', label: '姓名', type: 'text', required: true, maxLength: 50 },
                  { key: 'idNumber', label: '公民身份号码', type: 'id_number', required: true },
                  {
                    key: 'kind',
                    label: '类别',
                    type: 'select',
                    required: true,
                    options: [
                      { value: 'physician', label: '执业医师' },
                      { value: 'assistant', label: '执业助理医师' },
                      { value: 'nurse', label: '注册护士' },
                      { value: 'pharmacist', label: '药师' },
                      { value: 'technician', label: '技师' },
                    ],
                  },
                  {
                    key: 'certificateNo',
                    label: '执业证书编码',
                    type: 'text',
                    required: true,
                    maxLength: 40,
                  },
                ],
              },
            ],
          },
        ],
      },
    },
  },

  // ------------------------------------------------------------ 城镇污水排入排水管网许可
  {
    key: 'drainage',
    orgName: '丽水市住房和城乡建设局',
    processCode: 'svc.lishui.drainage',
    processName: '城镇污水排入排水管网许可',
    process: 'standard',
    input: {
      name: '城镇污水排入排水管网许可',
      basicCode: '000114018000',
      itemType: '01',
      audience: ['person', 'enterprise'],
      themes: ['environment', 'construction'],
      lifeEvents: ['open_restaurant', 'construction_project'],
      legalBasis:
        '1.《城镇排水与污水处理条例》第二十一条：从事工业、建筑、餐饮、医疗等活动的企业事业单位、个体工商户（以下称排水户）向城镇排水设施排放污水的，应当向城镇排水主管部门申请领取污水排入排水管网许可证。\n2.《城镇污水排入排水管网许可管理办法》（住房和城乡建设部令第21号）。',
      acceptanceConditions:
        '1. 排放口的设置符合城镇排水与污水处理规划的要求；\n2. 按照国家有关规定建设相应的预处理设施和水质、水量检测设施；\n3. 排放的污水符合国家或者地方规定的有关排放标准；\n4. 法律、法规规定的其他条件。',
      legalLimitDays: 20,
      legalLimitUnit: 'working',
      legalLimitNote:
        '依照《中华人民共和国行政许可法》第四十二条和《城镇污水排入排水管网许可管理办法》，自受理之日起20个工作日内作出决定。',
      promisedLimitDays: 5,
      promisedLimitUnit: 'working',
      specialProcedures: [
        {
          name: '排水水质检测',
          days: 10,
          unit: 'working',
          basis: '《城镇污水排入排水管网许可管理办法》',
          counted: false,
          note: '需要对排水水质、水量进行检测的，由具备资质的检测机构检测，所需时间不计入办理时限。',
        },
        {
          name: '现场核查',
          days: 2,
          unit: 'working',
          basis: '《城镇污水排入排水管网许可管理办法》',
          counted: true,
          note: '核查排放口、预处理设施和检测井设置情况。',
        },
      ],
      processDescription: '网上申请 → 受理 → 审查（含现场核查）→ 决定 → 核发排水许可证。',
      visitsRequired: 0,
      onlineDepth: 4,
      locations: [cityWindow('三楼工程建设项目审批综合窗口（31-36 号）', '0578-2178901')],
      consultation: consultation('0578-2178901'),
      complaint: COMPLAINT,
      remedies: CITY_REMEDIES,
      faq: [
        FREE_LICENCE_FAQ,
        {
          question: '排水许可证有效期多久？',
          answer: '排水许可证有效期为5年；因施工作业需要向城镇排水设施排水的，有效期不超过施工期限。',
        },
      ],
      result: { type: 'licence', name: '城镇污水排入排水管网许可证', validityYears: 5 },
      fees: [],
      materials: [
        mat('城镇污水排入排水管网许可申请表'),
        mat('排水户内部排水管网、专用检测井、雨污水排放口位置和口径的图纸及说明', { originalOrCopy: 'copy' }),
        mat('按规定建设污水预处理设施的有关材料', { originalOrCopy: 'copy', necessity: 'deferrable' }),
        mat('排水水质、水量检测报告', {
          originalOrCopy: 'copy',
          source: 'other',
          sourceNote: '具备资质的检测机构出具',
          necessity: 'optional',
          note: '列入重点排污单位名录的排水户提交',
        }),
      ],
      form: {
        sections: [
          entityOrPersonSection(),
          {
            key: 'discharge',
            title: '排水信息',
            fields: [
              {
                key: 'dischargerType',
                label: '排水户类型',
                type: 'select',
                required: true,
                options: [
                  { value: 'industry', label: '工业' },
                  { value: 'construction', label: '建筑施工' },
                  { value: 'catering', label: '餐饮' },
                  { value: 'medical', label: '医疗' },
                  { value: 'laundry', label: '洗染' },
                  { value: 'car_repair', label: '汽车维修、洗车' },
                  { value: 'other', label: '其他' },
                ],
              },
              {
                key: 'volume',
                label: '日均排水量',
                type: 'number',
                required: true,
                min: 0.1,
                max: 1000000,
                unit: '立方米/日',
              },
              {
                key: 'pretreatment',
                label: '预处理设施',
                type: 'checkbox',
                options: [
                  { value: 'grease', label: '隔油池' },
                  { value: 'septic', label: '化粪池' },
                  { value: 'sediment', label: '沉淀池' },
                  { value: 'other', label: '其他' },
                ],
              },
              ...siteFields('排水户地址'),
            ],
          },
          {
            key: 'outlets',
            title: '排放口',
            fields: [
              {
                key: 'outlets',
                label: '排放口',
                type: 'group',
                minItems: 1,
                maxItems: 10,
                fields: [
                  { key: 'number', label: '排放口编号', type: 'text', required: true, maxLength: 20 },
                  { key: 'location', label: '排放口位置', type: 'text', required: true, maxLength: 100 },
                  {
                    key: 'network',
                    label: '接入管网',
                    type: 'radio',
                    required: true,
                    options: [
                      { value: 'sewage', label: '污水管网' },
                      { value: 'combined', label: '雨污合流管网' },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      },
    },
  },

  // ------------------------------------------------------------ 户外广告设置许可
  {
    key: 'outdoor-ad',
    orgName: '丽水市住房和城乡建设局',
    processCode: 'svc.lishui.outdoor-ad',
    processName: '户外广告设置许可',
    process: 'standard',
    input: {
      name: '户外广告设置许可',
      basicCode: '000114025000',
      itemType: '01',
      audience: ['person', 'enterprise'],
      themes: ['city_management'],
      lifeEvents: ['open_shop'],
      legalBasis:
        '1.《城市市容和环境卫生管理条例》第十一条：在城市中设置户外广告、标语牌、画廊、橱窗等，应当内容健康、外型美观，并定期维修、油饰或者拆除。大型户外广告的设置必须征得城市人民政府市容环境卫生行政主管部门同意后，按照有关规定办理审批手续。\n2.《浙江省城市市容和环境卫生管理条例》。',
      acceptanceConditions:
        '1. 符合丽水市户外广告设置专项规划和技术规范；\n2. 设施结构安全，有安全检测或者设计文件；\n3. 不影响市容市貌、交通安全和相邻权利人的合法权益。',
      legalLimitDays: 20,
      legalLimitUnit: 'working',
      legalLimitNote: '依照《中华人民共和国行政许可法》第四十二条。',
      promisedLimitDays: 5,
      promisedLimitUnit: 'working',
      specialProcedures: [
        {
          name: '听证',
          days: 20,
          unit: 'working',
          basis: '《中华人民共和国行政许可法》第四十七条、第四十八条',
          counted: false,
          note: '大型户外广告设施直接关系他人重大利益的，告知申请人、利害关系人享有要求听证的权利；听证所需时间不计入办理时限（第四十五条）。',
        },
      ],
      processDescription:
        '网上申请 → 受理 → 审查（必要时现场踏勘、听证）→ 决定 → 核发户外广告设置许可决定书。',
      visitsRequired: 0,
      onlineDepth: 4,
      locations: [cityWindow('三楼城市管理窗口（40 号）', '0578-2190123')],
      consultation: consultation('0578-2190123'),
      complaint: COMPLAINT,
      remedies: CITY_REMEDIES,
      faq: [
        FREE_LICENCE_FAQ,
        {
          question: '门头招牌要办许可吗？',
          answer:
            '在本单位门头设置的招牌，按照丽水市店招店牌设置导则实行告知承诺备案；设置大型户外广告的须申请许可。',
        },
      ],
      result: { type: 'approval', name: '户外广告设置许可决定书', validityYears: null },
      fees: [],
      materials: [
        mat('户外广告设置申请表'),
        mat('广告设施设计效果图和位置示意图', { originalOrCopy: 'copy' }),
        mat('设置场地的产权证明或者使用权协议', { originalOrCopy: 'copy' }),
        mat('大型户外广告设施结构安全设计文件或者检测报告', {
          originalOrCopy: 'copy',
          necessity: 'optional',
          note: '单立柱、屋顶等大型设施提交',
        }),
      ],
      form: {
        sections: [
          entityOrPersonSection(),
          {
            key: 'ad',
            title: '广告设施',
            fields: [
              {
                key: 'adType',
                label: '设施类型',
                type: 'select',
                required: true,
                options: [
                  { value: 'column', label: '单立柱广告' },
                  { value: 'wall', label: '墙面广告' },
                  { value: 'rooftop', label: '屋顶广告' },
                  { value: 'led', label: 'LED 电子显示屏' },
                  { value: 'other', label: '其他' },
                ],
              },
              { key: 'width', label: '宽度', type: 'number', required: true, min: 0.1, max: 200, unit: '米' },
              {
                key: 'height',
                label: '高度',
                type: 'number',
                required: true,
                min: 0.1,
                max: 100,
                unit: '米',
              },
              {
                key: 'term',
                label: '申请设置期限',
                type: 'radio',
                required: true,
                options: [
                  { value: '1', label: '1 年' },
                  { value: '2', label: '2 年' },
                  { value: '3', label: '3 年' },
                ],
              },
              {
                key: 'playHours',
                label: '播放时段',
                type: 'text',
                required: true,
                maxLength: 50,
                placeholder: '例如 7:00—22:00',
                visibleWhen: { field: 'adType', equals: 'led' },
              },
              ...siteFields('设置地点'),
            ],
          },
        ],
      },
    },
  },

  // ------------------------------------------------------------ 不动产转移登记 (缴费后发证)
  {
    key: 'property-transfer',
    orgName: '丽水市不动产登记服务中心',
    processCode: 'svc.lishui.property-transfer',
    processName: '不动产转移登记（登簿后缴费发证）',
    process: 'fee',
    input: {
      name: '国有建设用地使用权及房屋所有权转移登记',
      basicCode: '000123002000',
      itemType: '07',
      audience: ['person', 'enterprise'],
      themes: ['property', 'housing'],
      lifeEvents: ['home_buying'],
      legalBasis:
        '1.《中华人民共和国民法典》第二百零九条第一款：不动产物权的设立、变更、转让和消灭，经依法登记，发生效力；未经登记，不发生效力，但是法律另有规定的除外。\n2.《不动产登记暂行条例》。\n3.《不动产登记暂行条例实施细则》。',
      acceptanceConditions:
        '1. 买卖、赠与、继承等导致不动产权利转移；\n2. 申请材料齐全、符合法定形式；\n3. 不动产未被查封，无限制转移的情形；\n4. 依法应当缴纳的税费已经缴纳。',
      legalLimitDays: 30,
      legalLimitUnit: 'working',
      legalLimitNote:
        '《不动产登记暂行条例》规定，不动产登记机构应当自受理登记申请之日起30个工作日内办结不动产登记手续，法律另有规定的除外。',
      promisedLimitDays: 3,
      promisedLimitUnit: 'working',
      promisedLimitNote:
        '存量房转移登记与税费缴纳“一窗受理”，3个工作日内办结；等待申请人缴纳登记费的时间不计入。',
      specialProcedures: [],
      processDescription: '网上申请 → 受理 → 审核 → 登簿 → 缴纳登记费 → 缮证发证（电子证照同步生成）。',
      visitsRequired: 1,
      visitsExplanation: '转让双方须到场核验身份并签署询问笔录（已开通“不见面”视频核验的除外）。',
      onlineDepth: 3,
      locations: [
        {
          name: '丽水市不动产登记服务中心',
          address: '浙江省丽水市莲都区花园路 1 号 丽水市民服务中心四楼',
          hours: '周一至周五 上午 8:30—12:00，下午 14:30—17:30；周六上午 9:00—12:00 延时服务',
          phone: '0578-2199000',
        },
      ],
      consultation: consultation('0578-2199000'),
      complaint: COMPLAINT,
      remedies: CITY_REMEDIES,
      faq: [
        {
          question: '登记费怎么收？',
          answer:
            '住宅每件80元，非住宅每件550元，含第一本不动产权证书；每增加一本证书加收工本费10元。小微企业（含个体工商户）申请的免收登记费。',
        },
      ],
      result: { type: 'licence', name: '不动产权证书', validityYears: null },
      fees: [
        {
          name: '不动产登记费（住宅）',
          standard: '每件80元（含第一本证书工本费）',
          basis:
            '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）',
          rule: { mode: 'fixed', amountFen: 8000 },
          reducible: true,
          reductionBasis:
            '《财政部 国家发展改革委关于减免部分行政事业性收费有关政策的通知》（财税〔2019〕45号）：小微企业（含个体工商户）免收',
          when: { field: 'usage', equals: 'residential' },
        },
        {
          name: '不动产登记费（非住宅）',
          standard: '每件550元（含第一本证书工本费）',
          basis:
            '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）',
          rule: { mode: 'fixed', amountFen: 55000 },
          reducible: true,
          reductionBasis:
            '《财政部 国家发展改革委关于减免部分行政事业性收费有关政策的通知》（财税〔2019〕45号）：小微企业（含个体工商户）免收',
          when: { field: 'usage', equals: ['commercial', 'industrial'] },
        },
        {
          name: '不动产权属证书工本费',
          standard: '核发一本证书的不收取；每增加一本证书加收10元',
          basis:
            '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）',
          rule: { mode: 'per_unit', unitFen: 1000, quantityField: 'extraCertificates', unitName: '本' },
        },
      ],
      materials: [
        mat('不动产登记申请书'),
        mat('申请人身份证明', { originalOrCopy: 'copy', note: '自然人提交居民身份证；法人提交营业执照' }),
        shared('不动产权属证书', '不动产登记簿记载，系统调取'),
        mat('不动产买卖合同或者赠与、继承等权属转移的材料', { originalOrCopy: 'original' }),
        shared('完税凭证', '税务部门“一窗受理”共享'),
      ],
      form: {
        sections: [
          {
            key: 'property',
            title: '不动产信息',
            fields: [
              {
                key: 'unitNumber',
                label: '不动产单元号',
                type: 'text',
                required: true,
                maxLength: 40,
                help: '见原不动产权证书',
              },
              {
                key: 'certificateNo',
                label: '原不动产权证书号',
                type: 'text',
                required: true,
                maxLength: 60,
              },
              { key: 'location', label: '坐落', type: 'address', required: true },
              {
                key: 'usage',
                label: '房屋用途',
                type: 'radio',
                required: true,
                options: [
                  { value: 'residential', label: '住宅' },
                  { value: 'commercial', label: '商业' },
                  { value: 'industrial', label: '工业' },
                ],
              },
              {
                key: 'floorArea',
                label: '建筑面积',
                type: 'number',
                required: true,
                min: 1,
                max: 1000000,
                unit: '平方米',
              },
              {
                key: 'reason',
                label: '转移原因',
                type: 'select',
                required: true,
                options: [
                  { value: 'sale', label: '买卖' },
                  { value: 'gift', label: '赠与' },
                  { value: 'inheritance', label: '继承、受遗赠' },
                  { value: 'divorce', label: '离婚析产' },
                ],
              },
              {
                key: 'price',
                label: '成交价格',
                type: 'number',
                min: 0,
                max: 10000000,
                unit: '万元',
                required: true,
                visibleWhen: { field: 'reason', equals: 'sale' },
              },
            ],
          },
          personSection('申请人（受让方）信息'),
          {
            key: 'parties',
            title: '权利人及证书',
            fields: [
              {
                key: 'transferors',
                label: '转让方',
                type: 'group',
                minItems: 1,
                maxItems: 10,
                fields: [
                  { key: 'name', label: '姓名或名称', type: 'text', required: true, maxLength: 100 },
                  { key: 'idNumber', label: '公民身份号码', type: 'id_number', required: true },
                ],
              },
              {
                key: 'ownership',
                label: '共有方式',
                type: 'radio',
                required: true,
                options: [
                  { value: 'sole', label: '单独所有' },
                  { value: 'joint', label: '共同共有' },
                  { value: 'shares', label: '按份共有' },
                ],
              },
              {
                key: 'extraCertificates',
                label: '加发证书本数',
                type: 'number',
                integer: true,
                min: 0,
                max: 10,
                unit: '本',
                help: '按份共有需为每位共有人各发一本证书的，填写第一本以外的本数；每本收取工本费10元',
              },
            ],
          },
        ],
      },
    },
  },

  // ------------------------------------------------------------ 青田县：个体工商户设立登记
  {
    key: 'qingtian-individual-business',
    orgName: '青田县市场监督管理局',
    processCode: 'svc.qingtian.individual-business',
    processName: '个体工商户设立登记（青田县，即办）',
    process: 'register',
    input: {
      ...individualBusiness('00011700A000'),
      locations: [{ ...QINGTIAN_HALL, name: '青田县行政服务中心 一楼商事登记窗口', phone: '0578-6812345' }],
      consultation: consultation('0578-6812345'),
      remedies: QINGTIAN_REMEDIES,
    },
  },

  // ------------------------------------------------------------ 青田县：教师资格认定
  {
    key: 'qingtian-teacher-qualification',
    orgName: '青田县教育局',
    processCode: 'svc.qingtian.teacher-qualification',
    processName: '教师资格认定（青田县）',
    process: 'standard',
    input: {
      name: '教师资格认定（幼儿园、小学、初级中学）',
      basicCode: '000112002000',
      itemType: '01',
      audience: ['person'],
      themes: ['qualification', 'education'],
      lifeEvents: ['teaching', 'job'],
      legalBasis:
        '1.《中华人民共和国教师法》第十条：国家实行教师资格制度。\n2.《中华人民共和国教师法》第十三条：中小学教师资格由县级以上地方人民政府教育行政部门认定。\n3.《教师资格条例》第十三条：幼儿园、小学和初级中学教师资格，由申请人户籍所在地或者申请人任教学校所在地的县级人民政府教育行政部门认定。',
      acceptanceConditions:
        '1. 遵守宪法和法律，热爱教育事业，具有良好的思想品德；\n2. 具备《中华人民共和国教师法》规定的相应学历；\n3. 中小学教师资格考试合格且在有效期内；\n4. 普通话水平达到二级乙等以上；\n5. 身体条件符合浙江省教师资格认定体检标准；\n6. 户籍、居住证或者任教学校在青田县。',
      legalLimitDays: 30,
      legalLimitUnit: 'working',
      legalLimitNote: '《教师资格条例》规定，认定机构应当自受理期限终止之日起30日内作出是否认定的决定。',
      promisedLimitDays: 20,
      promisedLimitUnit: 'working',
      specialProcedures: [
        {
          name: '体格检查',
          days: 10,
          unit: 'working',
          basis: '《教师资格条例实施办法》',
          counted: false,
          note: '申请人到指定医院体检，体检所需时间不计入办理时限。',
        },
      ],
      processDescription:
        '网上申报（中国教师资格网）→ 受理（核验学历、考试合格证明、普通话证书）→ 体检 → 审查 → 认定 → 颁发教师资格证书。',
      visitsRequired: 0,
      onlineDepth: 4,
      locations: [{ ...QINGTIAN_HALL, name: '青田县行政服务中心 二楼教育窗口', phone: '0578-6834567' }],
      consultation: consultation('0578-6834567'),
      complaint: COMPLAINT,
      remedies: QINGTIAN_REMEDIES,
      faq: [
        FREE_LICENCE_FAQ,
        {
          question: '考试合格证明过期了还能认定吗？',
          answer: '不能。中小学教师资格考试合格证明有效期为3年，须在有效期内申请认定。',
        },
      ],
      result: { type: 'licence', name: '教师资格证书', validityYears: null },
      fees: [],
      materials: [
        mat('教师资格认定申请表'),
        shared('学历证书', '学信网学历信息核验'),
        shared('中小学教师资格考试合格证明', '教育部考试中心数据核验'),
        shared('普通话水平测试等级证书', '国家普通话水平测试信息核验'),
        mat('教师资格认定体检表', {
          medium: 'paper',
          copies: 1,
          source: 'other',
          sourceNote: '指定体检医院出具',
          necessity: 'deferrable',
        }),
        mat('本人近期免冠证件照片（电子）'),
      ],
      form: {
        sections: [
          personSection(),
          {
            key: 'qualification',
            title: '申请认定信息',
            fields: [
              {
                key: 'level',
                label: '申请资格种类',
                type: 'select',
                required: true,
                options: [
                  { value: 'kindergarten', label: '幼儿园教师资格' },
                  { value: 'primary', label: '小学教师资格' },
                  { value: 'junior', label: '初级中学教师资格' },
                ],
              },
              {
                key: 'subject',
                label: '任教学科',
                type: 'select',
                required: true,
                visibleWhen: { field: 'level', equals: ['primary', 'junior'] },
                options: [
                  { value: 'chinese', label: '语文' },
                  { value: 'math', label: '数学' },
                  { value: 'english', label: '英语' },
                  { value: 'science', label: '科学' },
                  { value: 'music', label: '音乐' },
                  { value: 'pe', label: '体育与健康' },
                  { value: 'art', label: '美术' },
                ],
              },
              {
                key: 'education',
                label: '最高学历',
                type: 'select',
                required: true,
                options: [
                  { value: 'college', label: '大学专科' },
                  { value: 'bachelor', label: '大学本科' },
                  { value: 'master', label: '硕士研究生' },
                  { value: 'doctor', label: '博士研究生' },
                ],
              },
              { key: 'school', label: '毕业院校', type: 'text', required: true, maxLength: 100 },
              { key: 'examCertNo', label: '考试合格证明编号', type: 'text', required: true, maxLength: 40 },
              {
                key: 'mandarin',
                label: '普通话水平',
                type: 'select',
                required: true,
                options: [
                  { value: '1a', label: '一级甲等' },
                  { value: '1b', label: '一级乙等' },
                  { value: '2a', label: '二级甲等' },
                  { value: '2b', label: '二级乙等' },
                ],
              },
              { key: 'hukouRegion', label: '户籍或居住证所在地', type: 'region', required: true },
              { key: 'workplace', label: '现工作单位', type: 'text', maxLength: 100 },
            ],
          },
          {
            key: 'resume',
            title: '个人简历',
            fields: [
              {
                key: 'resume',
                label: '学习和工作经历',
                type: 'group',
                minItems: 1,
                maxItems: 15,
                fields: [
                  { key: 'from', label: '起始日期', type: 'date', required: true },
                  { key: 'to', label: '截止日期', type: 'date' },
                  { key: 'organisation', label: '学校或单位', type: 'text', required: true, maxLength: 100 },
                  { key: 'position', label: '学习或任职情况', type: 'text', required: true, maxLength: 50 },
                ],
              },
            ],
          },
        ],
      },
    },
  },
];

/** 个体工商户设立登记: the same item at the city and in 青田县 (each unit's own implementation). */
function individualBusiness(basicCode: string): DemoItem['input'] {
  return {
    name: '个体工商户设立登记',
    basicCode,
    itemType: '01',
    audience: ['person'],
    themes: ['establishment'],
    lifeEvents: ['start_business', 'open_shop'],
    legalBasis:
      '1.《中华人民共和国市场主体登记管理条例》第三条：市场主体应当依照本条例办理登记。未经登记，不得以市场主体名义从事经营活动。\n2.《中华人民共和国市场主体登记管理条例》第十九条（当场登记及登记期限）。\n3.《促进个体工商户发展条例》。',
    acceptanceConditions:
      '1. 有经营能力的自然人，或者以家庭成员共同经营的；\n2. 有固定的经营场所，住所（经营场所）申报信息真实；\n3. 经营范围不属于法律、行政法规禁止的项目；涉及前置许可的，已取得相关许可。',
    legalLimitDays: 3,
    legalLimitUnit: 'working',
    legalLimitNote:
      '《中华人民共和国市场主体登记管理条例》第十九条：申请材料齐全、符合法定形式的予以确认并当场登记；不能当场登记的，应当在3个工作日内予以登记；情形复杂的，经登记机关负责人批准可以再延长3个工作日。',
    promisedLimitDays: 1,
    promisedLimitUnit: 'working',
    promisedLimitNote: '即办件：窗口申请的当场办结；网上申请的1个工作日内办结。',
    specialProcedures: [],
    processDescription: '网上申请 → 受理 → 核准登记 → 核发营业执照（电子营业执照同步生成，纸质执照可邮寄）。',
    visitsRequired: 0,
    onlineDepth: 4,
    locations: [cityWindow('二楼商事登记窗口（8-11 号）', '0578-2134500')],
    consultation: consultation('0578-2134500'),
    complaint: COMPLAINT,
    remedies: CITY_REMEDIES,
    faq: [
      { question: '办理个体工商户登记收费吗？', answer: '不收费。' },
      {
        question: '个体工商户一定要起名称吗？',
        answer: '不一定。个体工商户可以使用名称，也可以不使用名称。',
      },
    ],
    result: { type: 'licence', name: '营业执照（个体工商户）', validityYears: null },
    fees: [],
    materials: [
      mat('个体工商户登记（备案）申请书', { note: '在线填写后由经营者电子签名' }),
      shared('经营者身份证明', '公安部门人口信息核验（刷脸认证）'),
      mat('住所（经营场所）申报承诺', { note: '在线签署，无需提交产权证明' }),
      mat('委托代理人身份证明及授权委托书', { necessity: 'optional', note: '委托他人办理时提交' }),
    ],
    form: {
      sections: [
        personSection('经营者信息'),
        {
          key: 'business',
          title: '个体工商户信息',
          fields: [
            {
              key: 'businessName',
              label: '个体工商户名称',
              type: 'text',
              maxLength: 100,
              help: '可以不使用名称',
            },
            {
              key: 'composition',
              label: '组成形式',
              type: 'radio',
              required: true,
              options: [
                { value: 'personal', label: '个人经营' },
                { value: 'family', label: '家庭经营' },
              ],
            },
            {
              key: 'scope',
              label: '经营范围',
              type: 'textarea',
              required: true,
              maxLength: 500,
              help: '按《经营范围登记规范表述目录》填写',
            },
            {
              key: 'capital',
              label: '资金数额',
              type: 'number',
              required: true,
              min: 0,
              max: 100000,
              unit: '万元',
            },
            {
              key: 'staffCount',
              label: '从业人数',
              type: 'number',
              required: true,
              integer: true,
              min: 1,
              max: 500,
              unit: '人',
            },
            ...siteFields(),
          ],
        },
        {
          key: 'family',
          title: '参加经营的家庭成员',
          fields: [
            {
              key: 'familyMembers',
              label: '家庭成员',
              type: 'group',
              minItems: 1,
              maxItems: 10,
              visibleWhen: { field: 'composition', equals: 'family' },
              fields: [
                { key: 'name', label: '姓名', type: 'text', required: true, maxLength: 50 },
                { key: 'idNumber', label: '公民身份号码', type: 'id_number', required: true },
                {
                  key: 'relation',
                  label: '与经营者关系',
                  type: 'select',
                  required: true,
                  options: [
                    { value: 'spouse', label: '配偶' },
                    { value: 'child', label: '子女' },
                    { value: 'parent', label: '父母' },
                    { value: 'other', label: '其他家庭成员' },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
  };
}
