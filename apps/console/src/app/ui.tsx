// Small shared pieces used by every page: heading with document title, error and loading states,
// server field errors on forms, date formatting and labels.
import { Alert, Button, Flex, type FormInstance, Result, Spin, Tag, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { ApiError, errorMessage } from '../api/client.ts';
import type { AdminClass, RoleAssignment, Scope } from '../api/types.ts';
import { useDocumentTitle } from './hooks.ts';

export function PageHeader({
  title,
  extra,
  children,
}: {
  title: string;
  extra?: ReactNode;
  children?: ReactNode;
}) {
  useDocumentTitle(title);
  return (
    <div style={{ marginBottom: 16 }}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {title}
        </Typography.Title>
        {extra ? (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        ) : null}
      </Flex>
      {children ? (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {children}
        </Typography.Paragraph>
      ) : null}
    </div>
  );
}

/** The server's Chinese message for a failed request, with an optional retry. */
export function ErrorAlert({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  if (!error) return null;
  const details = error instanceof ApiError ? error.details.filter((d) => d.message) : [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={title ?? errorMessage(error)}
      description={
        title || details.length > 0 ? (
          <>
            {title ? <div>{errorMessage(error)}</div> : null}
            {details.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {details.map((d) => (
                  <li key={`${d.field}:${d.message}`}>
                    {d.field ? `${d.field}：` : ''}
                    {d.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        ) : undefined
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
    />
  );
}

export function PageLoading({ label = '正在加载…' }: { label?: string }) {
  return (
    <Flex justify="center" align="center" style={{ minHeight: 240 }} role="status" aria-live="polite">
      <Spin description={label} />
    </Flex>
  );
}

export function Forbidden() {
  useDocumentTitle('无权访问');
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的角色没有访问此页面的权限。如需开通，请联系系统管理员。"
    />
  );
}

export function NotFoundPage() {
  useDocumentTitle('页面不存在');
  return <Result status="404" title="页面不存在" subTitle="您访问的页面不存在或已被移除。" />;
}

/**
 * Puts the server's `details[].field` messages on the matching form fields. Field names are dotted
 * paths ("scopeOrgId", "days.3.date"); `aliases` maps a server field to a form field when they
 * differ. Returns true when at least one message landed on a field of the form.
 */
export function applyFieldErrors(
  form: FormInstance,
  error: unknown,
  aliases: Record<string, string> = {},
): boolean {
  if (!(error instanceof ApiError) || error.details.length === 0) return false;
  const known = new Set(form.getFieldsError().map((f) => String(f.name[0])));
  const byField = new Map<string, string[]>();
  for (const d of error.details) {
    const raw = d.field
      .replace(/^\/+/, '')
      .replace(/^body[./]/, '')
      .replaceAll('/', '.');
    const name = aliases[raw] ?? raw;
    const top = name.split('.')[0] ?? name;
    if (!known.has(top) && !aliases[raw]) continue;
    byField.set(top, [...(byField.get(top) ?? []), d.message]);
  }
  if (byField.size === 0) return false;
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return true;
}

const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** An instant shown in Beijing time: 2026/03/05 14:07:09. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTimeFormat.format(d);
}

export const ADMIN_CLASS_LABELS: Record<AdminClass, string> = {
  system: '系统管理员',
  security: '安全管理员',
  audit: '审计管理员',
};

/** Tag colours with at least 4.5:1 text contrast (antd's preset tag colours fall short of WCAG AA). */
const TONES = {
  gray: ['#374151', '#f3f4f6', '#d1d5db'],
  green: ['#166534', '#dcfce7', '#86efac'],
  red: ['#991b1b', '#fee2e2', '#fca5a5'],
  blue: ['#1e40af', '#dbeafe', '#93c5fd'],
  indigo: ['#3730a3', '#e0e7ff', '#a5b4fc'],
  purple: ['#6b21a8', '#f3e8ff', '#d8b4fe'],
  orange: ['#9a3412', '#ffedd5', '#fdba74'],
  gold: ['#854d0e', '#fef9c3', '#fde047'],
} as const;

export type Tone = keyof typeof TONES;

export function ToneTag({
  tone = 'gray',
  children,
  style,
}: {
  tone?: Tone;
  children: ReactNode;
  style?: CSSProperties;
}) {
  const [color, background, borderColor] = TONES[tone];
  return <Tag style={{ color, background, borderColor, ...style }}>{children}</Tag>;
}

export const ADMIN_CLASS_COLORS: Record<AdminClass, Tone> = {
  system: 'blue',
  security: 'orange',
  audit: 'purple',
};

export const SCOPE_LABELS: Record<Scope, string> = {
  platform: '全平台',
  org: '指定机构及下级',
  own: '仅本人',
};

export function scopeText(a: Pick<RoleAssignment, 'scope' | 'scopeOrgName' | 'scopeOrgId'>): string {
  if (a.scope === 'org') return `${a.scopeOrgName ?? a.scopeOrgId ?? '未知机构'}及下级`;
  return SCOPE_LABELS[a.scope];
}

/** A visually hidden label for screen readers. */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return (
    <span
      style={{
        position: 'absolute',
        width: 1,
        height: 1,
        padding: 0,
        margin: -1,
        overflow: 'hidden',
        clip: 'rect(0,0,0,0)',
        whiteSpace: 'nowrap',
        border: 0,
      }}
    >
      {children}
    </span>
  );
}
