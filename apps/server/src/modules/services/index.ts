// The services module: 政务服务事项 实施清单 (service items with their guides, materials, fees, limits
// and processes) and the application form definitions, their validation and prefill. Other modules
// use only what this file exports.
import type { ModuleManifest } from '../registry.ts';
import './services.permissions.ts';
import { registerServiceRoutes } from './services.routes.ts';
import { seedServicesDemo } from './services.seed.ts';

export const servicesModule: ModuleManifest = {
  name: 'services',
  register(app, ctx) {
    registerServiceRoutes(app, ctx);
  },
  seedDemo: seedServicesDemo,
};

export { computeFees, isFeeFree } from './fees.ts';
export {
  type FieldOption,
  type FieldType,
  type FlatField,
  type FormDefinition,
  type FormField,
  type FormProblem,
  type FormSection,
  type FormValues,
  flattenFields,
  type PrefillKind,
  type VisibleWhen,
} from './forms/form-types.ts';
export { prefillFor } from './forms/prefill.ts';
export { type FormDataCheck, fieldVisible, isKnownRegion, validateFormData } from './forms/validate-data.ts';
export {
  type DefinitionCheck,
  type DefinitionProblem,
  validateFormDefinition,
} from './forms/validate-definition.ts';
export { SERVICE_MANAGE, SERVICE_PUBLISH } from './services.permissions.ts';
export { type DemoItemRef, demoItemByName, demoItemKeys, seedServicesDemo } from './services.seed.ts';
export { findMaterial } from './services.repository.ts';
export type { ItemInput, ItemPatch, MaterialInput } from './services.rules.ts';
export { type Caller, SYSTEM_CALLER } from './services.scope.ts';
export {
  AUDIENCES,
  type Audience,
  ITEM_TYPES,
  type ItemStatus,
  itemTypeName,
  LIFE_EVENTS,
  ONLINE_DEPTHS,
  onlineDepthName,
  THEMES,
} from './services.taxonomy.ts';
export type {
  Contact,
  DayUnit,
  Faq,
  Fee,
  FeeComputation,
  FeeLine,
  FeeRule,
  ItemResult,
  Location,
  Material,
  RemedyBody,
  Remedies,
  ServiceItem,
  SpecialProcedure,
} from './services.types.ts';
export {
  type GuideMaterial,
  type ItemSummary,
  materialFileUrl,
  type ServiceGuide,
  toGuide,
} from './services.views.ts';
export { createItem } from './use-cases/create-item.ts';
export { publishItem } from './use-cases/publish-item.ts';
export {
  getPublishedItem,
  type ItemPage,
  listManagedItems,
  listPublishedItems,
  type PublicFilter,
  readManagedItem,
  readPublicGuide,
} from './use-cases/read-items.ts';
export { saveItemForm } from './use-cases/save-item-form.ts';
export { suspendItem } from './use-cases/suspend-item.ts';
export { updateItem } from './use-cases/update-item.ts';
