// Pieces shared by the 政府信息公开 screens: the units the signed-in officer works on, and the picker
// that chooses one (kept in the address so a reload stays on the unit).
import { Form, Select } from 'antd';
import { useSearchParams } from 'react-router';
import { useRequest } from '../../app/hooks.ts';
import { disclosureApi, type StaffUnit } from './api.ts';

export type UnitRight = 'catalogue' | 'requests' | 'report';

/** The units where the officer holds `right`, and the one chosen (?orgId=, else the first). */
export function useStaffUnit(right: UnitRight) {
  const units = useRequest('disclosure:staff-units', (signal) => disclosureApi.units(signal));
  const [params, setParams] = useSearchParams();
  const mine = (units.data?.items ?? []).filter((u) => u[right]);
  const wanted = params.get('orgId');
  const unit: StaffUnit | undefined = mine.find((u) => u.orgId === wanted) ?? mine[0];
  const choose = (orgId: string) => {
    const p = new URLSearchParams(params);
    p.set('orgId', orgId);
    p.delete('page');
    setParams(p, { replace: true });
  };
  return { units: mine, unit, choose, loading: units.loading, error: units.error, reload: units.reload };
}

export function UnitPicker({
  units,
  value,
  onChange,
  loading,
}: {
  units: StaffUnit[];
  value: string | undefined;
  onChange: (orgId: string) => void;
  loading: boolean;
}) {
  return (
    <Form layout="inline" style={{ marginBottom: 16 }} onSubmitCapture={(e) => e.preventDefault()}>
      <Form.Item label="单位" htmlFor="disclosure-unit">
        <Select
          id="disclosure-unit"
          style={{ minWidth: 280 }}
          loading={loading}
          value={value}
          onChange={onChange}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="请选择单位"
          options={units.map((u) => ({
            value: u.orgId,
            label: u.hasGuide ? u.orgName : `${u.orgName}（未公布指南）`,
          }))}
        />
      </Form.Item>
    </Form>
  );
}
