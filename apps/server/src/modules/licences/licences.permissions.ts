// Permissions of the electronic licence module (codes used by the built-in roles in migration
// 20261124070100_case_roles.sql).
import { registerPermissions } from '../identity/index.ts';

registerPermissions([
  { code: 'licence.read', name: '查看电子证照', group: '电子证照', adminClass: null },
  { code: 'licence.revoke', name: '注销电子证照', group: '电子证照', adminClass: null },
]);
