// Permissions of the case engine (held by the built-in business roles of migration 20261124070100).
import { registerPermissions } from '../identity/index.ts';

registerPermissions([
  { code: 'case.read', name: '查看办件', group: '办件办理', adminClass: null },
  { code: 'task.handle', name: '办理待办任务', group: '办件办理', adminClass: null },
  { code: 'case.extend.approve', name: '批准延长办理期限', group: '办件办理', adminClass: null },
  { code: 'process.manage', name: '定制办理流程', group: '办件办理', adminClass: null },
]);
