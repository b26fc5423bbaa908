// A service item (政务服务事项 实施清单 entry, DOMAIN §2.4) as other modules and clients see it: the
// shapes live in apps/shared, which the console speaks too.
export type * from '../../../../shared/service-items.ts';
