// The electronic licence module (电子证照): licences issued on approval, signed with the platform's SM2
// key, verifiable by anyone from the QR code, revocable by the issuing unit. Other modules use only
// what this file exports.
import './licences.permissions.ts';
import type { ModuleManifest } from '../registry.ts';
import { registerLicenceRoutes } from './routes/licences.routes.ts';
import { registerLicencePages } from './routes/verify.pages.ts';

export const licencesModule: ModuleManifest = {
  name: 'licences',
  register(app, ctx) {
    registerLicenceRoutes(app, ctx);
    registerLicencePages(app, ctx);
  },
};

export { type LicenceStatus, type LicenceView, LICENCE_STATUS_NAMES, verifyPath } from './licences.model.ts';
export { type IssuedLicence, type IssueLicenceInput, issueLicence } from './use-cases/issue-licence.ts';
export { renderLicencePdf } from './use-cases/licence-pdf.ts';
export { licencesOfCaseView } from './use-cases/list-my-licences.ts';
export { type PublicLicence, verifyLicence } from './use-cases/verify-licence.ts';
