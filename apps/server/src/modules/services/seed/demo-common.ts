// Building blocks of the demo service items: applicant sections with prefill, and the guide elements
// every item of a unit shares (the hall's address and hours, the hotlines, the remedy bodies).
import type { FormField, FormSection } from '../forms/form-types.ts';
import type { ContactInput, LocationInput, RemedyBodyInput } from '../services.rules.ts';

/** An individual applicant: name, ID number and phone from the signed-in citizen's profile. */
export function personSection(title = '申请人信息'): FormSection {
  return {
    key: 'applicant',
    title,
    fields: [
      {
        key: 'applicantName',
        label: '申请人姓名',
        type: 'text',
        required: true,
        prefill: 'name',
        maxLength: 50,
      },
      { key: 'applicantId', label: '公民身份号码', type: 'id_number', required: true, prefill: 'id_number' },
      { key: 'applicantPhone', label: '联系电话', type: 'phone', required: true, prefill: 'phone' },
      {
        key: 'applicantEmail',
        label: '电子邮箱',
        type: 'email',
        prefill: 'email',
        help: '用于接收办理结果通知，可不填',
      },
    ],
  };
}

/** An enterprise applicant: name, credit code and legal representative from the enterprise's profile. */
export function enterpriseSection(title = '申请单位信息'): FormSection {
  return {
    key: 'applicant',
    title,
    fields: [
      {
        key: 'entityName',
        label: '单位名称',
        type: 'text',
        required: true,
        prefill: 'enterprise_name',
        maxLength: 100,
      },
      {
        key: 'creditCode',
        label: '统一社会信用代码',
        type: 'credit_code',
        required: true,
        prefill: 'credit_code',
      },
      {
        key: 'legalRepresentative',
        label: '法定代表人（负责人）',
        type: 'text',
        required: true,
        prefill: 'legal_representative',
        maxLength: 50,
      },
      { key: 'contactName', label: '联系人', type: 'text', required: true, maxLength: 50 },
      { key: 'contactPhone', label: '联系电话', type: 'phone', required: true, prefill: 'phone' },
    ],
  };
}

/** Either an enterprise or an individual (个体工商户) applies: the fields follow the choice. */
export function entityOrPersonSection(): FormSection {
  const asEnterprise = { field: 'applicantKind', equals: 'enterprise' };
  const asPerson = { field: 'applicantKind', equals: 'individual' };
  return {
    key: 'applicant',
    title: '申请人信息',
    fields: [
      {
        key: 'applicantKind',
        label: '申请人类型',
        type: 'radio',
        required: true,
        options: [
          { value: 'enterprise', label: '企业或其他组织' },
          { value: 'individual', label: '个体工商户' },
        ],
      },
      {
        key: 'entityName',
        label: '单位名称',
        type: 'text',
        required: true,
        prefill: 'enterprise_name',
        maxLength: 100,
        visibleWhen: asEnterprise,
      },
      {
        key: 'creditCode',
        label: '统一社会信用代码',
        type: 'credit_code',
        required: true,
        prefill: 'credit_code',
        visibleWhen: asEnterprise,
      },
      {
        key: 'legalRepresentative',
        label: '法定代表人（负责人）',
        type: 'text',
        required: true,
        prefill: 'legal_representative',
        maxLength: 50,
        visibleWhen: asEnterprise,
      },
      {
        key: 'operatorName',
        label: '经营者姓名',
        type: 'text',
        required: true,
        prefill: 'name',
        maxLength: 50,
        visibleWhen: asPerson,
      },
      {
        key: 'operatorId',
        label: '经营者公民身份号码',
        type: 'id_number',
        required: true,
        prefill: 'id_number',
        visibleWhen: asPerson,
      },
      {
        key: 'businessName',
        label: '个体工商户名称',
        type: 'text',
        maxLength: 100,
        help: '营业执照上的名称；未使用名称的可不填',
        visibleWhen: asPerson,
      },
      { key: 'contactPhone', label: '联系电话', type: 'phone', required: true, prefill: 'phone' },
    ],
  };
}

export function siteFields(label = '经营场所'): FormField[] {
  return [
    { key: 'siteRegion', label: '所在县（市、区）', type: 'region', required: true },
    { key: 'siteAddress', label, type: 'address', required: true, help: '选择所在乡镇（街道）并填写门牌号' },
  ];
}

// ---------------------------------------------------------------- guide elements

export const HOURS = '周一至周五 上午 8:30—12:00，下午 14:30—17:30（法定节假日除外；调休上班日正常办公）';

export const CITY_HALL: LocationInput = {
  name: '丽水市民服务中心',
  address: '浙江省丽水市莲都区花园路 1 号 丽水市民服务中心',
  hours: HOURS,
  transport: '乘坐 1 路、12 路公交车至市民服务中心站',
};

export function cityWindow(window: string, phone: string): LocationInput {
  return { ...CITY_HALL, name: `丽水市民服务中心 ${window}`, phone };
}

export const QINGTIAN_HALL: LocationInput = {
  name: '青田县行政服务中心',
  address: '浙江省丽水市青田县鹤城街道行政服务中心大楼',
  hours: HOURS,
  transport: '乘坐县城 3 路公交车至行政服务中心站',
};

export const ZJZWFW = 'https://www.zjzwfw.gov.cn/';

export function consultation(phone: string): ContactInput {
  return { phone, url: ZJZWFW, note: '也可在浙江政务服务网“咨询”栏目留言，工作日 1 个工作日内答复' };
}

export const COMPLAINT: ContactInput = {
  phone: '12345',
  url: ZJZWFW,
  note: '12345 政务服务便民热线（24 小时）；也可通过浙江政务服务网“好差评”评价和投诉',
};

export const CITY_REMEDIES: { reconsideration: RemedyBodyInput; litigation: RemedyBodyInput } = {
  reconsideration: {
    body: '丽水市人民政府',
    address: '由丽水市司法局（行政复议机构）承办，可在丽水市民服务中心行政复议受理窗口提交申请',
    phone: '0578-2097890',
  },
  litigation: { body: '丽水市莲都区人民法院', address: '依照《中华人民共和国行政诉讼法》确定的管辖法院' },
};

export const QINGTIAN_REMEDIES: { reconsideration: RemedyBodyInput; litigation: RemedyBodyInput } = {
  reconsideration: {
    body: '青田县人民政府',
    address: '由青田县司法局（行政复议机构）承办，可在青田县行政服务中心提交申请',
    phone: '0578-6823456',
  },
  litigation: { body: '丽水市莲都区人民法院', address: '依照《中华人民共和国行政诉讼法》确定的管辖法院' },
};

/** The sentence every free licensing item carries in its FAQ. */
export const FREE_LICENCE_FAQ = {
  question: '办理这个事项收费吗？',
  answer:
    '不收费。《中华人民共和国行政许可法》第五十八条规定，行政机关实施行政许可和对行政许可事项进行监督检查，不得收取任何费用，法律、行政法规另有规定的除外。',
};
