// Code lists and small pieces the service item pages share. Item types, themes, life events and
// online depths come from GET /service-taxonomy; the enumerations of materials, limits and results
// are the server's (apps/shared/service-taxonomy.ts), offered here as options.
import { useMemo } from 'react';
import { DAY_UNITS } from '../../../../shared/days.ts';
import {
  AUDIENCES,
  ITEM_STATUSES,
  ITEM_TYPES,
  MATERIAL_FORMS,
  MATERIAL_MEDIA,
  MATERIAL_NECESSITIES,
  MATERIAL_SOURCES,
  ONLINE_DEPTHS,
  RESULT_TYPES,
} from '../../../../shared/service-taxonomy.ts';
import { useRequest } from '../../app/hooks.ts';
import { ToneTag } from '../../app/ui.tsx';
import { type ItemStatus, serviceApi, type Taxonomy } from './api.ts';

const ITEM_STATUS_TONES: Record<ItemStatus, 'blue' | 'green' | 'orange'> = {
  draft: 'blue',
  published: 'green',
  suspended: 'orange',
};
export const ITEM_STATUS = Object.fromEntries(
  ITEM_STATUSES.map(({ code, name }) => [code, { label: name, tone: ITEM_STATUS_TONES[code] }]),
) as Record<ItemStatus, { label: string; tone: 'blue' | 'green' | 'orange' }>;

export function ItemStatusTag({ status }: { status: ItemStatus }) {
  const s = ITEM_STATUS[status] ?? { label: status, tone: 'blue' as const };
  return <ToneTag tone={s.tone}>{s.label}</ToneTag>;
}

/** A code list of the taxonomy as options of a select, checkbox or radio group. */
const optionsOf = (list: readonly { code: string; name: string }[]) =>
  list.map(({ code, name }) => ({ value: code, label: name }));

export const AUDIENCE_OPTIONS = optionsOf(AUDIENCES);
export const DAY_UNIT_OPTIONS = optionsOf(DAY_UNITS);
export const NECESSITY_OPTIONS = optionsOf(MATERIAL_NECESSITIES);
export const ORIGINAL_OR_COPY_OPTIONS = optionsOf(MATERIAL_FORMS);
export const MEDIUM_OPTIONS = optionsOf(MATERIAL_MEDIA);
export const SOURCE_OPTIONS = optionsOf(MATERIAL_SOURCES);
export const RESULT_TYPE_OPTIONS = optionsOf(RESULT_TYPES);
export const FEE_MODE_OPTIONS = [
  { value: 'free', label: '不收费' },
  { value: 'fixed', label: '固定金额' },
  { value: 'per_unit', label: '按数量' },
];

/** Used until (or if) the taxonomy cannot be loaded: the national item types and online depths. */
const FALLBACK: Taxonomy = {
  itemTypes: [...ITEM_TYPES],
  themes: [],
  lifeEvents: [],
  onlineDepths: [...ONLINE_DEPTHS],
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
