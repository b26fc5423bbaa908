// Every route of the Foundation API the console uses, in one table. When the server and the
// contract disagree, fix it here.
import { http } from './client.ts';
import type {
  AssignmentCreate,
  AuditEntry,
  AuditQuery,
  AuditVerify,
  CalendarDay,
  CalendarYear,
  CalendarYearSummary,
  InboxPage,
  Items,
  LoginBody,
  Org,
  OrgCreate,
  OrgPatch,
  Page,
  Permission,
  Role,
  RoleAssignment,
  RoleCreate,
  RolePatch,
  SessionAnswer,
  TotpSetup,
  UserCreate,
  UserPatch,
  UserQuery,
  UserRow,
} from './types.ts';

const id = (value: string) => encodeURIComponent(value);

export const sessionApi = {
  login: (body: LoginBody) => http.post<SessionAnswer>('/session', body, { noAuthRedirect: true }),
  current: (signal?: AbortSignal) =>
    http.get<SessionAnswer>('/session', undefined, { signal, noAuthRedirect: true }),
  logout: () => http.delete('/session', { noAuthRedirect: true }),
  changePassword: (currentPassword: string, newPassword: string) =>
    http.post('/session/password', { currentPassword, newPassword }),
  totpSetup: () => http.post<TotpSetup>('/session/totp/setup'),
  totpEnable: (otp: string) => http.post('/session/totp/enable', { otp }),
};

export const orgApi = {
  list: (q?: string, signal?: AbortSignal) => http.get<Items<Org>>('/orgs', { q }, { signal }),
  get: (orgId: string) => http.get<Org>(`/orgs/${id(orgId)}`),
  create: (body: OrgCreate) => http.post<Org>('/orgs', body),
  update: (orgId: string, body: OrgPatch) => http.patch<Org>(`/orgs/${id(orgId)}`, body),
  remove: (orgId: string) => http.delete(`/orgs/${id(orgId)}`),
};

export const userApi = {
  list: (query: UserQuery, signal?: AbortSignal) =>
    http.get<Page<UserRow>>('/users', { ...query }, { signal }),
  get: (userId: string) => http.get<UserRow>(`/users/${id(userId)}`),
  create: (body: UserCreate) => http.post<UserRow>('/users', body),
  update: (userId: string, body: UserPatch) => http.patch<UserRow>(`/users/${id(userId)}`, body),
  unlock: (userId: string) => http.post(`/users/${id(userId)}/unlock`),
  resetPassword: (userId: string, password: string) =>
    http.post(`/users/${id(userId)}/reset-password`, { password }),
  resetTotp: (userId: string) => http.post(`/users/${id(userId)}/reset-totp`),
  roles: (userId: string, signal?: AbortSignal) =>
    http.get<Items<RoleAssignment>>(`/users/${id(userId)}/roles`, undefined, { signal }),
  addRole: (userId: string, body: AssignmentCreate) =>
    http.post<RoleAssignment>(`/users/${id(userId)}/roles`, body),
  removeRole: (userId: string, assignmentId: string) =>
    http.delete(`/users/${id(userId)}/roles/${id(assignmentId)}`),
};

export const roleApi = {
  permissions: (signal?: AbortSignal) => http.get<Items<Permission>>('/permissions', undefined, { signal }),
  list: (signal?: AbortSignal) => http.get<Items<Role>>('/roles', undefined, { signal }),
  create: (body: RoleCreate) => http.post<Role>('/roles', body),
  update: (roleId: string, body: RolePatch) => http.patch<Role>(`/roles/${id(roleId)}`, body),
};

export const calendarApi = {
  years: (signal?: AbortSignal) =>
    http.get<Items<CalendarYearSummary>>('/calendar/years', undefined, { signal }),
  year: (year: number, signal?: AbortSignal) =>
    http.get<CalendarYear>(`/calendar/years/${year}`, undefined, { signal }),
  saveYear: (year: number, body: { source: string; days: CalendarDay[] }) =>
    http.put<CalendarYear>(`/calendar/years/${year}`, body),
  addWorkingDays: (from: string, days: number) =>
    http.get<{ date: string }>('/calendar/working-days/add', { from, days }),
  countWorkingDays: (from: string, to: string) =>
    http.get<{ days: number }>('/calendar/working-days/count', { from, to }),
  addNaturalDays: (from: string, days: number) =>
    http.get<{ date: string }>('/calendar/natural-days/add', { from, days }),
};

export const auditApi = {
  list: (query: AuditQuery, signal?: AbortSignal) =>
    http.get<Page<AuditEntry>>('/audit', { ...query }, { signal }),
  verify: () => http.get<AuditVerify>('/audit/verify'),
};

export const inboxApi = {
  list: (page: number, pageSize: number, signal?: AbortSignal) =>
    http.get<InboxPage>('/inbox', { page, pageSize }, { signal }),
  markRead: (messageId: string) => http.post(`/inbox/${id(messageId)}/read`),
};
