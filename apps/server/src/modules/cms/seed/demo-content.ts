// Demo sites and articles: the city portal, the nine county portals and three department sites.
// Texts are written for the demo; unit names match the identity seed's organisation tree.

export interface DemoSite {
  code: string;
  name: string;
  orgName: string;
  siteCode: string;
  domain: string;
  region: string;
}

const COUNTIES: readonly [string, string, string][] = [
  ['liandu', '莲都区', '331102'],
  ['longquan', '龙泉市', '331181'],
  ['qingtian', '青田县', '331121'],
  ['yunhe', '云和县', '331125'],
  ['qingyuan', '庆元县', '331126'],
  ['jinyun', '缙云县', '331122'],
  ['suichang', '遂昌县', '331123'],
  ['songyang', '松阳县', '331124'],
  ['jingning', '景宁畲族自治县', '331127'],
];

export const DEMO_SITES: readonly DemoSite[] = [
  {
    code: 'lishui',
    name: '丽水市人民政府',
    orgName: '丽水市人民政府办公室',
    siteCode: '3311000001',
    domain: 'www.lishui.gov.cn',
    region: '丽水市',
  },
  ...COUNTIES.map(([code, county, region]) => ({
    code,
    name: `${county}人民政府`,
    orgName: `${county}人民政府办公室`,
    siteCode: `${region}0001`,
    domain: `www.${code === 'liandu' ? 'ld' : code}.gov.cn`,
    region: county,
  })),
  {
    code: 'scjg',
    name: '丽水市市场监督管理局',
    orgName: '丽水市市场监督管理局',
    siteCode: '3311000012',
    domain: 'scjgj.lishui.gov.cn',
    region: '丽水市',
  },
  {
    code: 'wjw',
    name: '丽水市卫生健康委员会',
    orgName: '丽水市卫生健康委员会',
    siteCode: '3311000013',
    domain: 'wjw.lishui.gov.cn',
    region: '丽水市',
  },
  {
    code: 'zjj',
    name: '丽水市住房和城乡建设局',
    orgName: '丽水市住房和城乡建设局',
    siteCode: '3311000014',
    domain: 'zjj.lishui.gov.cn',
    region: '丽水市',
  },
];

export interface DemoArticle {
  column: string;
  title: string;
  paragraphs: string[];
  source?: string;
  author?: string;
  tags?: string[];
  image?: boolean;
  attachment?: string;
  docNumber?: string;
  writtenOn?: string;
  validity?: 'valid' | 'invalid' | 'repealed';
  /** Key of another demo article of the same site that interprets this one. */
  interpretedBy?: string;
  key?: string;
  /** Days before the seed's "now" it was published. */
  daysAgo: number;
}

/** News items of a county or department site, with the place name filled in. */
export function genericArticles(place: string, siteName: string): DemoArticle[] {
  return [
    {
      column: 'zwdt',
      title: `${place}召开2026年第四季度经济运行分析会`,
      paragraphs: [
        `11月20日，${place}召开第四季度经济运行分析会，通报前三季度主要经济指标完成情况，分析当前经济运行中的突出问题，部署下一阶段重点工作。`,
        '会议指出，要紧盯全年目标任务，抓好项目建设、企业服务和消费提振，确保全年经济社会发展目标圆满完成。',
      ],
      source: siteName,
      image: true,
      tags: ['经济运行'],
      daysAgo: 3,
    },
    {
      column: 'zwdt',
      title: `${place}开展“护苗”安全生产专项检查`,
      paragraphs: [
        `近日，${place}组织应急管理、市场监管、消防救援等部门，对辖区内学校周边、人员密集场所开展安全生产专项检查。`,
        '检查组共检查单位42家，发现并督促整改隐患67处，对3家单位下达限期整改通知书。',
      ],
      source: siteName,
      daysAgo: 8,
    },
    {
      column: 'tzgg',
      title: `关于${place}2026年冬季森林防火工作的通告`,
      paragraphs: [
        '根据《森林防火条例》有关规定，自2026年11月1日起至2027年4月30日止为我地森林防火期。',
        '防火期内，严禁在林区野外用火，严禁携带火种进入林区。发现火情请立即拨打森林火警电话12119。',
      ],
      source: siteName,
      attachment: '森林防火宣传要点.txt',
      daysAgo: 20,
    },
  ];
}

/** The city portal: policy documents with 文号 and their 解读, news, notices and overview pages. */
export const CITY_ARTICLES: DemoArticle[] = [
  {
    key: 'policy-business',
    column: 'wjzl',
    title: '丽水市人民政府关于进一步优化营商环境的若干意见',
    paragraphs: [
      '各县（市、区）人民政府，市政府直属各单位：',
      '为深入贯彻落实党中央、国务院和省委、省政府关于优化营商环境的决策部署，持续打造市场化、法治化、国际化一流营商环境，现提出如下意见。',
      '一、深化“一件事”集成改革。推动企业开办、项目审批、不动产登记等高频事项全流程网上办理，实现“一次不用跑”事项占比95%以上。',
      '二、降低企业经营成本。落实各项减税降费政策，规范涉企收费，开展涉企违规收费专项整治。',
      '本意见自2026年12月1日起施行。',
    ],
    source: '丽水市人民政府',
    docNumber: '丽政发〔2026〕18号',
    writtenOn: '2026-10-28',
    validity: 'valid',
    interpretedBy: 'interpret-business',
    attachment: '优化营商环境若干意见（全文）.txt',
    tags: ['营商环境', '政策文件'],
    daysAgo: 12,
  },
  {
    key: 'interpret-business',
    column: 'zcjd',
    title: '《丽水市人民政府关于进一步优化营商环境的若干意见》政策解读',
    paragraphs: [
      '一、起草背景。近年来，我市营商环境持续改善，但与先进地区相比仍有差距。',
      '二、主要内容。《意见》共5个部分20条，围绕政务服务、要素保障、市场监管、法治保障等方面提出具体举措。',
      '三、解读机关及联系方式：丽水市发展和改革委员会，联系电话0578-2090000。',
    ],
    source: '丽水市发展和改革委员会',
    tags: ['政策解读'],
    daysAgo: 11,
  },
  {
    column: 'wjzl',
    title: '丽水市人民政府办公室关于印发丽水市城市生活垃圾分类管理办法的通知',
    paragraphs: [
      '各县（市、区）人民政府，市政府直属各单位：',
      '《丽水市城市生活垃圾分类管理办法》已经市政府同意，现印发给你们，请认真贯彻执行。',
    ],
    source: '丽水市人民政府办公室',
    docNumber: '丽政办发〔2021〕9号',
    writtenOn: '2021-03-15',
    validity: 'repealed',
    tags: ['垃圾分类'],
    daysAgo: 40,
  },
  {
    column: 'wjzl',
    title: '丽水市人民政府关于公布市级行政许可事项清单的决定',
    paragraphs: ['为深化“放管服”改革，市政府对市级行政许可事项进行了全面梳理，现将清单予以公布。'],
    source: '丽水市人民政府',
    docNumber: '丽政发〔2026〕7号',
    writtenOn: '2026-05-10',
    validity: 'valid',
    daysAgo: 150,
  },
  {
    column: 'zwdt',
    title: '丽水市召开全市数字化改革推进会',
    paragraphs: [
      '11月21日，全市数字化改革推进会召开。会议总结了今年以来数字化改革工作成效，部署下一阶段重点任务。',
      '会议强调，要以“一网通办”“一网统管”为抓手，推动政府网站集约化平台、政务服务平台深度融合。',
      '详见<a href="/sites/lishui/articles/01900000-0000-7000-8000-0000000dead0">相关报道</a>。',
    ],
    source: '丽水日报',
    author: '记者 王晓明',
    image: true,
    tags: ['数字化改革'],
    daysAgo: 2,
  },
  {
    column: 'zwdt',
    title: '瓯江山水诗之路文化带建设项目集中开工',
    paragraphs: [
      '11月18日，瓯江山水诗之路文化带建设项目集中开工仪式在莲都区古堰画乡举行，共开工项目26个，总投资58.6亿元。',
    ],
    source: '丽水市人民政府',
    image: true,
    daysAgo: 6,
  },
  {
    column: 'tzgg',
    title: '丽水市人民政府关于2027年元旦放假安排的通知',
    paragraphs: [
      '2027年1月1日（星期五）至3日（星期日）放假调休，共3天。节假日期间，各单位要妥善安排好值班和安全保卫等工作。',
    ],
    source: '丽水市人民政府办公室',
    daysAgo: 5,
  },
  {
    column: 'gkxx',
    title: '丽水概况',
    paragraphs: [
      '丽水市位于浙江省西南部，市域面积1.73万平方公里，是浙江省面积最大的地级市，辖莲都区、龙泉市、青田县、云和县、庆元县、缙云县、遂昌县、松阳县、景宁畲族自治县。',
      '丽水生态环境质量持续位居全国前列，是“绿水青山就是金山银山”理念的重要萌发地和先行实践地。',
    ],
    image: true,
    daysAgo: 60,
  },
  {
    column: 'jgzn',
    title: '丽水市人民政府办公室主要职责',
    paragraphs: [
      '负责市政府会议的准备工作，协助市政府领导同志组织会议决定事项的实施；负责市政府政务信息、政府网站和政务公开工作。',
    ],
    daysAgo: 90,
  },
];
