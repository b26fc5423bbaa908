// Permissions of the services module. The built-in role service_admin (事项管理员) carries both.
import { registerPermissions } from '../identity/index.ts';

export const SERVICE_MANAGE = 'service.manage';
export const SERVICE_PUBLISH = 'service.publish';

registerPermissions([
  { code: SERVICE_MANAGE, name: '编制政务服务事项和申请表单', group: '政务服务事项', adminClass: null },
  { code: SERVICE_PUBLISH, name: '发布政务服务事项', group: '政务服务事项', adminClass: null },
]);
