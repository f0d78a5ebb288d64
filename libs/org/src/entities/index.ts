export * from './org.enums.js';
export * from './city.entity.js';
export * from './district.entity.js';
export * from './street.entity.js';
export * from './property-company.entity.js';
export * from './operator-enterprise.entity.js';
export * from './community.entity.js';
export * from './community-eligibility.entity.js';
export * from './facility.entity.js';
export * from './nearby-coverage.entity.js';

import { City } from './city.entity.js';
import { District } from './district.entity.js';
import { Street } from './street.entity.js';
import { PropertyCompany } from './property-company.entity.js';
import { OperatorEnterprise } from './operator-enterprise.entity.js';
import { Community } from './community.entity.js';
import { CommunityEligibility } from './community-eligibility.entity.js';
import { Facility } from './facility.entity.js';
import { NearbyCoverage } from './nearby-coverage.entity.js';

export const ORG_ENTITIES = [
  City,
  District,
  Street,
  PropertyCompany,
  OperatorEnterprise,
  Community,
  CommunityEligibility,
  Facility,
  NearbyCoverage,
];
