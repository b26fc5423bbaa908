// Permissions of electronic supervision (held by the built-in role 'supervisor', migration 20261124070100).
import { registerPermissions } from '../identity/index.ts';

registerPermissions([
  { code: 'supervision.read', name: '查看电子监察', group: '电子监察', adminClass: null },
  { code: 'supervision.order', name: '发出督办', group: '电子监察', adminClass: null },
]);
