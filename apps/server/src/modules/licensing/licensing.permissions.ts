// The licensing module's permission (used by the built-in window role, migration
// 20261124070100_case_roles.sql). Reading applications rides on the engine's case.read.
import { registerPermissions } from '../identity/index.ts';

export const FEE_RECORD = 'fee.record';
export const CASE_READ = 'case.read';

registerPermissions([{ code: FEE_RECORD, name: '登记缴费', group: '行政许可', adminClass: null }]);
