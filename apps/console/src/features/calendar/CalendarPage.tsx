import { DeleteOutlined, EditOutlined, PlusOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { calendarApi } from '../../api/endpoints.ts';
import type { CalendarDay, CalendarDayKind, CalendarYear } from '../../api/types.ts';
import { useAuth } from '../../app/auth.tsx';
import { FormModal } from '../../app/FormModal.tsx';
import { useRequest } from '../../app/hooks.ts';
import { ErrorAlert, PageHeader, PageLoading, ToneTag } from '../../app/ui.tsx';
import { Calculator } from './Calculator.tsx';
import { describeDate, MonthGrid } from './MonthGrid.tsx';

function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

const MONTHS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

const KIND_LABELS: Record<CalendarDayKind, string> = { holiday: '休（放假）', workday: '班（调休上班）' };

interface Draft {
  year: number;
  source: string;
  days: Map<string, CalendarDay>;
  isNew: boolean;
}

function toDraft(y: CalendarYear, isNew = false): Draft {
  return { year: y.year, source: y.source, days: new Map(y.days.map((d) => [d.date, d])), isNew };
}

function Legend() {
  const item = (bg: string, color: string, text: string, mark = '') => (
    <Space size={6}>
      <span
        aria-hidden="true"
        style={{
          display: 'inline-flex',
          width: 22,
          height: 22,
          borderRadius: 4,
          background: bg,
          color,
          fontSize: 11,
          fontWeight: 700,
          alignItems: 'center',
          justifyContent: 'center',
        }}
      >
        {mark}
      </span>
      <span>{text}</span>
    </Space>
  );
  return (
    <Space wrap size={16} style={{ marginBottom: 12 }}>
      {item('#fee2e2', '#b91c1c', '法定节假日（休）', '休')}
      {item('#dbeafe', '#1e3a8a', '调休上班（班）', '班')}
      {item('#f3f4f6', '#4b5563', '周末')}
      {item('#fff', '#111827', '工作日')}
    </Space>
  );
}

export function CalendarPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const canManage = can('calendar.manage');
  const today = todayInShanghai();
  const years = useRequest('calendar-years', (signal) => calendarApi.years(signal).then((r) => r.items));
  const [picked, setPicked] = useState<number | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [editingDate, setEditingDate] = useState<string | null>(null);
  const [addingYear, setAddingYear] = useState(false);

  const known = useMemo(() => [...(years.data ?? [])].sort((a, b) => b.year - a.year), [years.data]);
  const currentYear = Number(today.slice(0, 4));
  const defaultYear = known.find((y) => y.year === currentYear)?.year ?? known[0]?.year ?? null;
  const year = draft?.isNew ? draft.year : (picked ?? defaultYear);
  const detail = useRequest(year !== null && !draft?.isNew ? `calendar-year:${year}` : null, (signal) =>
    calendarApi.year(year as number, signal),
  );

  const shown: Draft | null =
    draft ?? (detail.data && detail.data.year === year ? toDraft(detail.data) : null);
  const editing = draft !== null;

  const startEdit = () => {
    if (!detail.data) return;
    setDraft(toDraft(detail.data));
    setDirty(false);
    setSaveError(null);
  };

  const cancelEdit = () => {
    setDraft(null);
    setDirty(false);
    setSaveError(null);
  };

  const changeDays = (update: (days: Map<string, CalendarDay>) => void) => {
    setDraft((d) => {
      if (!d) return d;
      const days = new Map(d.days);
      update(days);
      return { ...d, days };
    });
    setDirty(true);
  };

  const save = async () => {
    if (!draft) return;
    if (!draft.source.trim()) {
      setSaveError(new ApiError(0, 'SOURCE_REQUIRED', '请填写依据（国务院办公厅通知名称）'));
      return;
    }
    setSaving(true);
    setSaveError(null);
    try {
      const days = [...draft.days.values()].sort((a, b) => a.date.localeCompare(b.date));
      await calendarApi.saveYear(draft.year, { source: draft.source.trim(), days });
      message.success(`${draft.year}年工作日历已保存`);
      setPicked(draft.year);
      setDraft(null);
      setDirty(false);
      years.reload();
      detail.reload();
    } catch (e) {
      setSaveError(e);
    } finally {
      setSaving(false);
    }
  };

  const list = shown ? [...shown.days.values()].sort((a, b) => a.date.localeCompare(b.date)) : [];
  const holidays = list.filter((d) => d.kind === 'holiday').length;

  const columns: TableColumnsType<CalendarDay> = [
    { title: '日期', dataIndex: 'date', width: 190, render: (d: string) => describeDate(d) },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 100,
      render: (k: CalendarDayKind) =>
        k === 'holiday' ? <ToneTag tone="red">休</ToneTag> : <ToneTag tone="blue">班</ToneTag>,
    },
    { title: '名称', dataIndex: 'name' },
    ...(editing
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 140,
            render: (_: unknown, d: CalendarDay) => (
              <Space size={0}>
                <Button
                  type="link"
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setEditingDate(d.date)}
                >
                  修改
                </Button>
                <Button
                  type="link"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={`删除 ${d.date}`}
                  onClick={() => changeDays((days) => days.delete(d.date))}
                >
                  删除
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title="工作日历"
        extra={
          <>
            <label htmlFor="calendar-year" style={{ alignSelf: 'center' }}>
              年度
            </label>
            <Select<number>
              id="calendar-year"
              style={{ width: 140 }}
              value={year ?? undefined}
              disabled={editing || years.loading}
              loading={years.loading}
              placeholder="选择年度"
              onChange={setPicked}
              options={known.map((y) => ({ value: y.year, label: `${y.year}年` }))}
            />
            {canManage && !editing ? (
              <>
                <Button icon={<EditOutlined />} onClick={startEdit} disabled={!detail.data}>
                  编辑本年度
                </Button>
                <Button icon={<PlusOutlined />} onClick={() => setAddingYear(true)}>
                  新增年度
                </Button>
              </>
            ) : null}
          </>
        }
      >
        按国务院办公厅每年发布的节假日安排维护。办理时限按工作日计算：法定节假日不计，调休上班日照常计算。
      </PageHeader>
      <ErrorAlert error={years.error} onRetry={years.reload} />
      <ErrorAlert error={detail.error} onRetry={detail.reload} />
      {editing && draft ? (
        <Card size="small" style={{ marginBottom: 16, borderColor: '#1d4ed8' }}>
          <Flex vertical gap={12}>
            <Typography.Text strong>
              正在编辑 {draft.year} 年工作日历{draft.isNew ? '（新年度）' : ''}
              {dirty ? '，有未保存的修改' : ''}。点击日期可设为“休”或“班”。
            </Typography.Text>
            <Flex gap={8} wrap align="center">
              <label htmlFor="calendar-source">依据</label>
              <Input
                id="calendar-source"
                value={draft.source}
                onChange={(e) => {
                  setDraft({ ...draft, source: e.target.value });
                  setDirty(true);
                }}
                placeholder="如：国务院办公厅关于2027年部分节假日安排的通知"
                style={{ flex: 1, minWidth: 260 }}
                aria-required="true"
              />
              <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => void save()}>
                保存
              </Button>
              <Button icon={<UndoOutlined />} onClick={cancelEdit} disabled={saving}>
                放弃修改
              </Button>
            </Flex>
            <ErrorAlert error={saveError} />
          </Flex>
        </Card>
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={17}>
          <Card
            size="small"
            title={year ? `${year}年` : '日历'}
            extra={
              shown && !editing ? (
                <Typography.Text type="secondary">
                  放假 {holidays} 天，调休上班 {list.length - holidays} 天
                </Typography.Text>
              ) : null
            }
          >
            {shown?.source && !editing ? (
              <Typography.Paragraph type="secondary">依据：{shown.source}</Typography.Paragraph>
            ) : null}
            <Legend />
            {years.loading && !years.data ? (
              <PageLoading />
            ) : year === null ? (
              <Empty description="尚未发布任何年度的节假日安排" />
            ) : !shown ? (
              detail.loading ? (
                <PageLoading />
              ) : (
                <Empty description="无法显示该年度" />
              )
            ) : (
              <Row gutter={[16, 16]}>
                {MONTHS.map((m) => (
                  <Col key={m} xs={24} sm={12} lg={8} xl={6}>
                    <MonthGrid
                      year={shown.year}
                      month={m}
                      days={shown.days}
                      today={today}
                      onPick={editing ? setEditingDate : undefined}
                    />
                  </Col>
                ))}
              </Row>
            )}
          </Card>
        </Col>
        <Col xs={24} xxl={7}>
          <Flex vertical gap={16}>
            <Calculator />
            <Card size="small" title="调整日期清单">
              <Table<CalendarDay>
                rowKey="date"
                size="small"
                columns={columns}
                dataSource={list}
                loading={detail.loading && !shown}
                pagination={list.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                locale={{ emptyText: <Empty description="没有节假日或调休安排" /> }}
              />
            </Card>
          </Flex>
        </Col>
      </Row>
      {editingDate && draft ? (
        <DayModal
          date={editingDate}
          current={draft.days.get(editingDate)}
          onClose={() => setEditingDate(null)}
          onApply={(day) => {
            changeDays((days) => {
              if (day) days.set(day.date, day);
              else days.delete(editingDate);
            });
            setEditingDate(null);
          }}
        />
      ) : null}
      {addingYear ? (
        <AddYearModal
          existing={known.map((y) => y.year)}
          suggested={Math.max(currentYear, ...known.map((y) => y.year)) + 1}
          onClose={() => setAddingYear(false)}
          onAdd={(y) => {
            setAddingYear(false);
            setDraft(toDraft({ year: y, source: '', days: [] }, true));
            setDirty(true);
            setSaveError(null);
          }}
        />
      ) : null}
    </>
  );
}

interface DayValues {
  kind: CalendarDayKind | 'none';
  name?: string;
}

function DayModal({
  date,
  current,
  onClose,
  onApply,
}: {
  date: string;
  current: CalendarDay | undefined;
  onClose: () => void;
  onApply: (day: CalendarDay | null) => void;
}) {
  const [form] = Form.useForm<DayValues>();
  const kind = Form.useWatch('kind', form) ?? current?.kind ?? 'none';
  return (
    <FormModal<DayValues>
      open
      title={describeDate(date)}
      form={form}
      okText="确定"
      onCancel={onClose}
      initialValues={{ kind: current?.kind ?? 'none', name: current?.name }}
      onFinish={(v) =>
        onApply(v.kind === 'none' ? null : { date, kind: v.kind, name: (v.name ?? '').trim() })
      }
    >
      <Form.Item label="安排" name="kind" rules={[{ required: true, message: '请选择' }]}>
        <Radio.Group
          options={[
            { value: 'none', label: '按常规（周一至周五上班）' },
            { value: 'holiday', label: KIND_LABELS.holiday },
            { value: 'workday', label: KIND_LABELS.workday },
          ]}
        />
      </Form.Item>
      {kind !== 'none' ? (
        <Form.Item
          label="名称"
          name="name"
          extra={kind === 'holiday' ? '如：春节、国庆节' : '如：春节调休上班'}
          rules={[
            { required: true, whitespace: true, message: '请输入名称' },
            { max: 50, message: '不能超过 50 个字符' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}

function AddYearModal({
  existing,
  suggested,
  onClose,
  onAdd,
}: {
  existing: number[];
  suggested: number;
  onClose: () => void;
  onAdd: (year: number) => void;
}) {
  const [form] = Form.useForm<{ year: number }>();
  return (
    <FormModal<{ year: number }>
      open
      title="新增年度"
      form={form}
      okText="开始编辑"
      onCancel={onClose}
      initialValues={{ year: suggested }}
      onFinish={(v) => {
        if (existing.includes(v.year)) {
          form.setFields([{ name: 'year', errors: ['该年度已存在，请在年度列表中选择后编辑'] }]);
          return;
        }
        onAdd(v.year);
      }}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="请在国务院办公厅发布该年度节假日安排通知后录入。"
      />
      <Form.Item label="年度" name="year" rules={[{ required: true, message: '请输入年度' }]}>
        <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} />
      </Form.Item>
    </FormModal>
  );
}
