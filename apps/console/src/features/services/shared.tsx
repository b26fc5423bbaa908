// Code lists and small pieces the service item pages share. Item types, themes, life events and
// online depths come from GET /service-taxonomy; the enumerations of materials, limits and results
// are fixed by the server's rules (services.taxonomy.ts) and kept here with their Chinese names.
import { useMemo } from 'react';
import { useRequest } from '../../app/hooks.ts';
import { ToneTag } from '../../app/ui.tsx';
import { type ItemStatus, serviceApi, type Taxonomy } from './api.ts';

export const ITEM_STATUS: Record<ItemStatus, { label: string; tone: 'blue' | 'green' | 'orange' }> = {
  draft: { label: '草稿', tone: 'blue' },
  published: { label: '已发布', tone: 'green' },
  suspended: { label: '暂停办理', tone: 'orange' },
};

export function ItemStatusTag({ status }: { status: ItemStatus }) {
  const s = ITEM_STATUS[status] ?? { label: status, tone: 'blue' as const };
  return <ToneTag tone={s.tone}>{s.label}</ToneTag>;
}

export const AUDIENCE_OPTIONS = [
  { value: 'person', label: '自然人' },
  { value: 'enterprise', label: '法人' },
];
export const DAY_UNIT_OPTIONS = [
  { value: 'working', label: '工作日' },
  { value: 'natural', label: '自然日' },
];
export const NECESSITY_OPTIONS = [
  { value: 'required', label: '必要' },
  { value: 'optional', label: '非必要' },
  { value: 'deferrable', label: '容缺后补' },
];
export const ORIGINAL_OR_COPY_OPTIONS = [
  { value: 'original', label: '原件' },
  { value: 'copy', label: '复印件' },
  { value: 'both', label: '原件和复印件' },
];
export const MEDIUM_OPTIONS = [
  { value: 'paper', label: '纸质' },
  { value: 'electronic', label: '电子' },
  { value: 'both', label: '纸质和电子' },
];
export const SOURCE_OPTIONS = [
  { value: 'applicant', label: '申请人自备' },
  { value: 'government', label: '政府部门核发' },
  { value: 'other', label: '其他' },
];
export const RESULT_TYPE_OPTIONS = [
  { value: 'licence', label: '证照' },
  { value: 'approval', label: '批文' },
  { value: 'certificate', label: '证明' },
  { value: 'other', label: '其他' },
];
export const FEE_MODE_OPTIONS = [
  { value: 'free', label: '不收费' },
  { value: 'fixed', label: '固定金额' },
  { value: 'per_unit', label: '按数量' },
];

/** Used until (or if) the taxonomy cannot be loaded: the national item type codes. */
const FALLBACK: Taxonomy = {
  itemTypes: [
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
  ],
  themes: [],
  lifeEvents: [],
  onlineDepths: [
    { level: 1, name: '一级 信息发布' },
    { level: 2, name: '二级 表格下载' },
    { level: 3, name: '三级 网上受理' },
    { level: 4, name: '四级 全程网办' },
  ],
};

export function useTaxonomy() {
  const t = useRequest('service-taxonomy', (signal) => serviceApi.taxonomy(signal));
  return useMemo(() => {
    const data: Taxonomy = {
      itemTypes: t.data?.itemTypes?.length ? t.data.itemTypes : FALLBACK.itemTypes,
      themes: t.data?.themes ?? [],
      lifeEvents: t.data?.lifeEvents ?? [],
      onlineDepths: t.data?.onlineDepths?.length ? t.data.onlineDepths : FALLBACK.onlineDepths,
    };
    return {
      ...data,
      error: t.error,
      loading: t.loading,
      itemTypeName: (code: string) => data.itemTypes.find((x) => x.code === code)?.name ?? code,
    };
  }, [t.data, t.error, t.loading]);
}

/** 12.50 ← 1250 fen. */
export function fenToYuan(fen: number | undefined | null): number | undefined {
  return typeof fen === 'number' ? fen / 100 : undefined;
}
export function yuanToFen(yuan: number | undefined | null): number {
  return typeof yuan === 'number' ? Math.round(yuan * 100) : 0;
}
