/** Kunming plan §二(一)1: pilot targets 5/3/1 by tier. */
export enum DistrictTier {
  A = 'A',
  B = 'B',
  C = 'C',
}

/** 区 / 县 / 县级市 / 开发(度假)园区 */
export enum DistrictKind {
  District = 'district',
  County = 'county',
  CountyCity = 'county_city',
  Park = 'park',
}

export enum StreetKind {
  Street = 'street',
  Town = 'town',
}

/** Kunming plan §三(四): underground, semi-underground and high-rise garages need fire facilities. */
export enum GarageType {
  Surface = 'surface',
  Underground = 'underground',
  SemiUnderground = 'semi_underground',
  HighRise = 'high_rise',
  Mixed = 'mixed',
  None = 'none',
}

export enum FacilityUsage {
  Public = 'public',
  SelfUse = 'self_use',
}

export enum OperatorStatus {
  Listed = 'listed',
  Removed = 'removed',
}

export enum EligibilitySource {
  Seed = 'seed',
  Report = 'report',
  Manual = 'manual',
}
