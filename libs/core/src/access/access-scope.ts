import { AppError } from '../errors/app-error.js';

export enum Role {
  /** 市发展改革委 */
  Office = 'office',
  /** 区县 / 园区 staff: sees and changes only its own district */
  District = 'district',
  /** 领导: read-only, city-wide */
  Leader = 'leader',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);

export interface AuthenticatedUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** Set for district users only. */
  districtId: number | null;
}

/**
 * District scope (SPEC: a district user sees and changes only its own district). Services call this with the
 * district of the data they are about to read or write, so the rule holds whichever controller calls them.
 */
export function assertDistrictAccess(user: AuthenticatedUser, districtId: number): void {
  if (user.role === Role.District && user.districtId !== districtId) {
    throw AppError.forbidden('无权访问其他区县的数据');
  }
}

/** The districts a user may read: null means all (office, leader). */
export function readableDistrictIds(user: AuthenticatedUser): number[] | null {
  return user.role === Role.District ? [user.districtId as number] : null;
}

/**
 * The district scope inside the query itself (issue 6 §1): `column` must be one of the ids bound at `$param`
 * (an int[] from readableDistrictIds; null means every district). A query so written returns nothing of another
 * district even where a service forgot assertDistrictAccess.
 */
export function districtScopeSql(column: string, param: number): string {
  return `($${param}::int[] IS NULL OR ${column} = ANY($${param}::int[]))`;
}
