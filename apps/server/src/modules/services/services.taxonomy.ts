// Code lists of the service catalogue (DOMAIN §2.3–2.4): the vocabulary lives in apps/shared, which the
// console's item editor speaks too.
export * from '../../../../shared/service-taxonomy.ts';
