// Pieces the process pages share: version status tags, the role list for step handlers, and the
// short description of a step shown in the step table and the diagram.
import { useMemo } from 'react';
import { roleApi } from '../../api/endpoints.ts';
import type { Org } from '../../api/types.ts';
import { useAuth } from '../../app/auth.tsx';
import { useRequest } from '../../app/hooks.ts';
import { ToneTag } from '../../app/ui.tsx';
import type { StepDef, VersionStatus } from './api.ts';
import { assigneeText, BUILTIN_ROLES, KNOWN_CASE_TYPES, outcomeLabel, signalLabel } from './definition.ts';

export const VERSION_STATUS: Record<VersionStatus, { label: string; tone: 'blue' | 'green' | 'gray' }> = {
  draft: { label: '草稿', tone: 'blue' },
  published: { label: '已发布', tone: 'green' },
  retired: { label: '已停用', tone: 'gray' },
};

export function VersionTag({ status }: { status: VersionStatus }) {
  const s = VERSION_STATUS[status] ?? { label: status, tone: 'gray' as const };
  return <ToneTag tone={s.tone}>{s.label}</ToneTag>;
}

export function caseTypeText(code: string, name?: string): string {
  return name ?? KNOWN_CASE_TYPES.find((c) => c.value === code)?.label ?? code;
}

/**
 * Roles a step may name: every non-administrator role when the caller may read roles, otherwise
 * the built-in business roles (a 事项管理员 has no role.read).
 */
export function useStepRoles(): { code: string; name: string }[] {
  const { can } = useAuth();
  const canRead = can('role.read');
  const roles = useRequest(canRead ? 'roles' : null, (signal) => roleApi.list(signal));
  return useMemo(() => {
    const list = (roles.data?.items ?? [])
      .filter((r) => !r.adminClass && /^[a-z][a-z0-9_.]{1,62}$/.test(r.code))
      .map((r) => ({ code: r.code, name: r.name }));
    const merged = [...BUILTIN_ROLES];
    for (const r of list) if (!merged.some((m) => m.code === r.code)) merged.push(r);
    return merged;
  }, [roles.data]);
}

export function stepSummary(
  step: StepDef,
  roles: { code: string; name: string }[],
  orgs: Org[] | undefined,
  nameOf: (key: string) => string,
): string {
  const orgName = (id: string) => orgs?.find((o) => o.id === id)?.name;
  switch (step.type) {
    case 'task': {
      const who = assigneeText(step.assignee, roles, orgName);
      const limit = step.limit
        ? `，${step.limit.days}${step.limit.unit === 'working' ? '个工作日' : '天'}`
        : '';
      return `${who}${limit}`;
    }
    case 'fork':
      return step.next && step.next.length > 0 ? `分支：${step.next.map(nameOf).join('、')}` : '未设置分支';
    case 'join':
      return step.mode === 'any' ? '或签' : '会签';
    case 'wait':
      return signalLabel(step.signal);
    case 'end':
      return outcomeLabel(step.outcome);
  }
}
