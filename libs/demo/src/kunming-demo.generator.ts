import { Role } from '@app/auth';
import {
  buildCreditCodeBody,
  DistrictTier,
  EligibilitySource,
  FacilityUsage,
  GarageType,
  generateCreditCode,
  OperatorStatus,
  EligibilityFacts,
  FIRE_FACILITIES,
  fireSafetyRequired,
  ineligibleReason,
  isEligible,
} from '@app/org';
import { TargetKind } from '@app/progress';
import { ComplaintKind, ComplaintStatus, PatrolResult } from '@app/rating';
import { dayNumber, dayString, onOrAfterWeekday } from './demo-dates.js';
import {
  COMMUNITY_SUFFIXES,
  COMMUNITY_WORDS,
  ESTATE_PARTS,
  ESTATE_SUFFIXES,
  GIVEN_NAMES,
  OPERATOR_NAMES,
  PROPERTY_COMPANY_SUFFIXES,
  PROPERTY_COMPANY_WORDS,
  SURNAMES,
  WORK_UNIT_SUFFIXES,
  WORK_UNITS,
} from './demo-names.data.js';
import {
  BreachRisk,
  drawDurations,
  ScheduleProfile,
  scheduleForAcceptance,
  scheduleFrom,
  StageDays,
} from './facility-schedule.js';
import { DemoDistrictSeed, DemoPace, KUNMING_CITY, KUNMING_DISTRICTS, PACE_CURVES } from './kunming-districts.data.js';
import {
  DemoAccount,
  DemoCommunityRow,
  DemoComplaintRow,
  DemoDistrictTargetRow,
  DemoEligibilityRow,
  DemoFacilityRow,
  DemoNearbyCoverageRow,
  DemoOperatorRow,
  DemoPatrolRow,
  DemoPilotDesignationRow,
  DemoPropertyCompanyRow,
  DemoStreetRow,
  DemoTargetPlanRow,
  DemoUserRow,
  FACILITY_STAGES,
  KunmingDemo,
} from './kunming-demo.types.js';
import { DEMO_SEED, Random } from './prng.js';
import { DEMO_COMPLAINTS } from './demo-complaints.data.js';
import { PATROL_INSPECTOR_TITLES, PATROL_ISSUES } from './demo-patrols.data.js';

/** The password of every demo account; shown on the console after seeding. */
export const DEMO_PASSWORD = 'Demo@2026';

export const PILOT_PLAN_CODE = 'KM-2022-PILOT';
export const COVERAGE_PLAN_CODE = 'KM-2025-COVERAGE';
export const KUNMING_PLAN_BASIS = '昆新产推办〔2022〕10号';

/** The demo world is simulated up to here; asOf only decides how much of it has happened. */
export const DEMO_HORIZON = '2027-12-31';
/** The register as it stood when the history starts. */
export const DEMO_START = '2022-01-01';

/** Kunming §二(一)1: at least 5 / 3 / 1 pilot communities by tier. */
export const PILOT_TARGETS: Record<DistrictTier, number> = {
  [DistrictTier.A]: 5,
  [DistrictTier.B]: 3,
  [DistrictTier.C]: 1,
};

export interface GenerateKunmingDemoOptions {
  /** 'YYYY-MM-DD': nothing in the result is dated after it. */
  asOf: string;
}

const START = dayNumber(DEMO_START);
const HORIZON = dayNumber(DEMO_HORIZON);
const POLICY_ISSUED = dayNumber('2022-07-18');
const PILOT_PLAN_END = dayNumber('2022-12-31');
/** Kunming latitude ≈ 25°: metres per degree of longitude = 111,320 × cos(25.8°) ≈ 0.9 × 111,320. */
const METRES_PER_DEGREE_LAT = 110_950;
const METRES_PER_DEGREE_LON = 100_190;
/** Walking distance ≈ 1.25 × straight-line distance in a street grid. */
const WALKING_FACTOR = 1.25;
/** Kunming §四(二): a community may be served by a facility within a 1 km service radius. */
const SERVICE_RADIUS_M = 1000;

/**
 * The Kunming demo as plain rows: deterministic (same asOf → same rows, on every machine) and without I/O. The
 * whole history 2022-01 … DEMO_HORIZON is simulated from a fixed seed and then cut at asOf, so a later asOf only
 * adds rows and later dates; it never reshuffles what an earlier asOf produced.
 */
export function generateKunmingDemo(options: GenerateKunmingDemoOptions): KunmingDemo {
  const asOf = dayNumber(options.asOf);
  if (asOf < START) throw new Error(`演示数据的截止日期不能早于 ${DEMO_START}：${options.asOf}`);
  return cutAt(simulateWorld(), asOf);
}

/** The demo's logins (no database needed): 市发展改革委, 市领导 and one per district. */
export function demoAccounts(): DemoAccount[] {
  const districtNames = new Map(KUNMING_DISTRICTS.map((d) => [d.code, d.name]));
  return buildUsers().map((user) => ({
    username: user.username,
    role: user.role,
    displayName: user.displayName,
    districtName: user.districtCode ? (districtNames.get(user.districtCode) ?? null) : null,
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// The simulated world (independent of asOf)
// ---------------------------------------------------------------------------------------------------------------

interface WorldCommunity {
  row: DemoCommunityRow;
  district: DemoDistrictSeed;
  old: boolean;
  registeredDay: number;
  lon: number;
  lat: number;
  missingFire: string[];
  /** Eligibility rows, by effective day. */
  eligibility: { day: number; facts: EligibilityFacts }[];
  /** The day it became eligible, if it ever did within the horizon. */
  eligibleFrom: number | null;
}

interface PlannedFacility {
  community: WorldCommunity;
  usage: FacilityUsage;
  phase: 1 | 2;
  days: StageDays;
  retiredDay: number | null;
  retiredReason: string | null;
  acPiles: number;
  dcPiles: number;
  totalKw: number;
  fee: string | null;
  operatorCreditCode: string | null;
  lon: number;
  lat: number;
  code?: string;
  platformId?: string | null;
}

interface WorldOperator {
  row: DemoOperatorRow;
  listedDay: number;
  /** Leaves the registry on this day (status removed from then on). */
  removedDay: number | null;
  districts: Set<string>;
  weight: number;
}

interface World {
  districts: DemoDistrictSeed[];
  streets: DemoStreetRow[];
  propertyCompanies: DemoPropertyCompanyRow[];
  operators: WorldOperator[];
  communities: WorldCommunity[];
  pilots: { community: WorldCommunity; designatedDay: number }[];
  facilities: PlannedFacility[];
  nearby: {
    community: WorldCommunity;
    facility: PlannedFacility;
    distanceM: number;
    from: number;
    to: number | null;
  }[];
  removals: Map<WorldCommunity, number>;
  complaints: { row: DemoComplaintRow; receivedDay: number; decidedDay: number; finalStatus: ComplaintStatus }[];
  patrols: { row: DemoPatrolRow; patrolDay: number; rectifiedDay: number | null }[];
}

function simulateWorld(): World {
  const streetCentres = new Map<string, [number, number]>();
  const streets = buildStreets(streetCentres);
  const { companies, homes } = buildPropertyCompanies();
  const operators = buildOperators();
  const communities = buildCommunities(streets, streetCentres, companies, homes);
  const pilots = designatePilots(communities);
  const facilities = planFacilities(communities, pilots, operators);
  numberFacilities(facilities);
  const nearby = linkNearbyCoverage(communities, facilities);
  const removals = removeDemolished(communities, facilities, nearby, pilots);
  const complaints = buildComplaints(communities, companies, facilities, removals);
  const patrols = buildPatrols(communities, facilities, removals);
  return {
    districts: KUNMING_DISTRICTS,
    streets,
    propertyCompanies: companies,
    operators,
    communities,
    pilots,
    facilities,
    nearby,
    removals,
    complaints,
    patrols,
  };
}

function rand(label: string): Random {
  return Random.stream(DEMO_SEED, label);
}

function buildStreets(centres: Map<string, [number, number]>): DemoStreetRow[] {
  const rows: DemoStreetRow[] = [];
  for (const district of KUNMING_DISTRICTS) {
    const rng = rand(`streets:${district.code}`);
    district.streets.forEach((street, index) => {
      // Street codes follow the GB/T 10114 shape (county code + 3 digits) but are not the official town codes.
      const code = `${district.code}${String(index + 1).padStart(3, '0')}`;
      rows.push({ code, name: street.name, kind: street.kind, districtCode: district.code });
      // The first streets listed are the core: closer to the centre.
      const reach = district.spread * (0.3 + (0.7 * index) / Math.max(1, district.streets.length - 1));
      centres.set(code, [
        district.centre[0] + rng.normal() * reach * 0.6,
        district.centre[1] + rng.normal() * reach * 0.6,
      ]);
    });
  }
  return rows;
}

function personName(rng: Random): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES);
}

function mobile(rng: Random): string {
  return `1${rng.pick(['33', '37', '38', '39', '50', '51', '58', '59', '77', '80', '87', '88', '89'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
}

function landline(rng: Random): string {
  return `0871-6${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
}

function creditCode(rng: Random, division: string, taken: Set<string>): string {
  for (;;) {
    const code = generateCreditCode(buildCreditCodeBody(division, () => rng.next()));
    if (!taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
}

const URBAN_CORE = ['530102', '530103', '530111', '530112'];

function buildPropertyCompanies(): { companies: DemoPropertyCompanyRow[]; homes: Map<string, string[]> } {
  const rng = rand('property-companies');
  const taken = new Set<string>();
  const words = rng.shuffle(PROPERTY_COMPANY_WORDS);
  const companies: DemoPropertyCompanyRow[] = [];
  /** District codes → the companies working there, each repeated by its weight. */
  const homes = new Map<string, string[]>(KUNMING_DISTRICTS.map((d) => [d.code, []]));
  const tierAB = KUNMING_DISTRICTS.filter((d) => d.tier !== DistrictTier.C || d.code === '530181');
  const tierC = KUNMING_DISTRICTS.filter((d) => d.tier === DistrictTier.C && d.code !== '530181');
  words.forEach((word, index) => {
    const name = `${index % 3 === 0 ? '云南' : '昆明'}${word}${rng.weighted(PROPERTY_COMPANY_SUFFIXES, (s) => (s.startsWith('物业服务') ? 7 : 3))}`;
    let served: DemoDistrictSeed[];
    let weight: number;
    if (index < 8) {
      // Large firms: every main urban district and park.
      served = tierAB;
      weight = 6;
    } else if (index < 33) {
      served = rng.shuffle(tierAB).slice(0, rng.int(1, 3));
      weight = 2;
    } else {
      // Small local firms, first spread over the counties so each has a few.
      served = [index - 33 < tierC.length * 2 ? tierC[(index - 33) % tierC.length] : rng.pick(tierAB)];
      weight = 1;
    }
    const division = index < 8 ? rng.pick(URBAN_CORE) : served[0].registrationDivision;
    companies.push({
      name,
      creditCode: creditCode(rng, division, taken),
      contactPerson: personName(rng),
      contactPhone: rng.chance(0.6) ? landline(rng) : mobile(rng),
    });
    for (const district of served) for (let i = 0; i < weight; i++) homes.get(district.code)!.push(name);
  });
  return { companies, homes };
}

function buildOperators(): WorldOperator[] {
  const rng = rand('operators');
  const taken = new Set<string>();
  const listed = [
    '2022-07-28',
    '2022-07-28',
    '2022-08-05',
    '2022-08-05',
    '2022-08-19',
    '2022-09-02',
    '2022-09-02',
    '2022-09-20',
    '2023-03-15',
    '2022-09-20',
    '2024-02-20',
    '2024-06-10',
  ];
  return OPERATOR_NAMES.map((name, index) => {
    const all = KUNMING_DISTRICTS.map((d) => d.code);
    const districts = new Set(index < 3 ? all : rng.shuffle(all).slice(0, index === 9 ? 2 : rng.int(3, 8)));
    return {
      row: {
        name,
        creditCode: creditCode(rng, rng.pick([...URBAN_CORE, '530114', '530181', '530100']), taken),
        listedOn: listed[index],
        status: OperatorStatus.Listed,
        contactPerson: personName(rng),
        contactPhone: mobile(rng),
      },
      listedDay: dayNumber(listed[index]),
      // One small operator leaves the registry (Kunming §五(二) keeps the registry current).
      removedDay: index === 9 ? dayNumber('2024-09-30') : null,
      districts,
      weight: index < 3 ? 5 : index < 8 ? 3 : 1,
    };
  });
}

function buildCommunities(
  streets: DemoStreetRow[],
  streetCentres: Map<string, [number, number]>,
  companies: DemoPropertyCompanyRow[],
  homes: Map<string, string[]>,
): WorldCommunity[] {
  const communities: WorldCommunity[] = [];
  const usedNames = new Set<string>();
  for (const district of KUNMING_DISTRICTS) {
    const rng = rand(`communities:${district.code}`);
    const districtStreets = streets.filter((s) => s.districtCode === district.code);
    const companyPool = homes.get(district.code)!;
    const county = district.tier === DistrictTier.C;
    const newCount = Math.round(district.communities * (county ? 0.01 : 0.02));
    for (let i = 0; i < district.communities + newCount; i++) {
      const isNew = i >= district.communities;
      const old = !isNew && rng.chance(district.oldShare);
      const street = rng.weighted(districtStreets, (s) => 1 + (districtStreets.length - districtStreets.indexOf(s)));
      const centre = streetCentres.get(street.code)!;
      const lon = centre[0] + rng.normal() * district.spread * 0.12;
      const lat = centre[1] + rng.normal() * district.spread * 0.12;
      const garage = drawGarage(rng, old, isNew, county);
      const households = old ? rng.int(60, 600) : rng.chance(0.06) ? rng.int(2500, 6000) : rng.int(250, 2500);
      const parkingRatio =
        garage === GarageType.None ? rng.float(0, 0.05) : old ? rng.float(0.1, 0.45) : rng.float(0.5, 1.2);
      const registeredDay = isNew ? rng.int(dayNumber('2023-03-01'), dayNumber('2026-09-30')) : START;
      const missingFire = drawMissingFire(rng);
      const row: DemoCommunityRow = {
        code: `C${district.code}-${String(i + 1).padStart(4, '0')}`,
        name: communityName(rng, district, old, households, usedNames),
        districtCode: district.code,
        streetCode: street.code,
        address: `昆明市${district.name}${rng.pick(district.roads)}${rng.int(1, 699)}号`,
        garageType: garage,
        renovationYear:
          old && rng.chance(0.75)
            ? rng.weighted([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026], (y) => (y >= 2024 ? 3 : 2))
            : null,
        propertyCompanyName:
          old && rng.chance(0.3) ? null : rng.pick(companyPool.length > 0 ? companyPool : companies.map((c) => c.name)),
        households,
        parkingSpaces: Math.round(households * parkingRatio),
        longitude: lon.toFixed(6),
        latitude: lat.toFixed(6),
        registeredOn: dayString(registeredDay),
        removedOn: null,
      };
      const community: WorldCommunity = {
        row,
        district,
        old,
        registeredDay,
        lon: Number(row.longitude),
        lat: Number(row.latitude),
        missingFire,
        eligibility: [],
        eligibleFrom: null,
      };
      drawEligibility(rng, community, isNew, county);
      communities.push(community);
    }
  }
  return communities;
}

/** Garage mix by kind of community: new estates build underground, old work-unit housing parks on the surface. */
const GARAGE_WEIGHTS: Record<'new' | 'old' | 'county' | 'urban', [GarageType, number][]> = {
  new: [
    [GarageType.Underground, 6],
    [GarageType.Mixed, 3],
    [GarageType.HighRise, 1],
  ],
  old: [
    [GarageType.Surface, 7],
    [GarageType.None, 3],
    [GarageType.SemiUnderground, 1],
  ],
  county: [
    [GarageType.Surface, 6],
    [GarageType.Underground, 2],
    [GarageType.Mixed, 1],
    [GarageType.None, 1],
  ],
  urban: [
    [GarageType.Surface, 3],
    [GarageType.Underground, 4],
    [GarageType.Mixed, 2],
    [GarageType.SemiUnderground, 0.5],
    [GarageType.HighRise, 0.3],
    [GarageType.None, 0.3],
  ],
};

function drawGarage(rng: Random, old: boolean, isNew: boolean, county: boolean): GarageType {
  const kind = isNew ? 'new' : old ? 'old' : county ? 'county' : 'urban';
  return rng.weighted(GARAGE_WEIGHTS[kind], ([, w]) => w)[0];
}

function drawMissingFire(rng: Random): string[] {
  // Sprinklers are what older garages most often lack.
  const first = rng.weighted(FIRE_FACILITIES, (f) => (f === '自动喷水灭火系统' ? 4 : f === '排烟设施' ? 2 : 1));
  if (!rng.chance(0.3)) return [first];
  const second = rng.pick(FIRE_FACILITIES.filter((f) => f !== first));
  return FIRE_FACILITIES.filter((f) => f === first || f === second);
}

function communityName(
  rng: Random,
  district: DemoDistrictSeed,
  old: boolean,
  households: number,
  used: Set<string>,
): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    const name = drawCommunityName(rng, district, old, households);
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  for (const extra of ['北区', '南区', '东区', '西区', '二期', '三期', '四期']) {
    const name = drawCommunityName(rng, district, old, households) + extra;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  throw new Error(`无法为${district.name}生成不重复的小区名称`);
}

function drawCommunityName(rng: Random, district: DemoDistrictSeed, old: boolean, households: number): string {
  const stem = rng.pick(district.stems);
  if (old) {
    const r = rng.next();
    if (r < 0.4) return `${rng.pick(WORK_UNITS)}${rng.pick(WORK_UNIT_SUFFIXES)}`;
    if (r < 0.6) return `${stem}${rng.pick(WORK_UNITS)}${rng.pick(WORK_UNIT_SUFFIXES)}`;
    if (r < 0.85) return `${stem}${rng.pick(['小区', '新村'])}`;
    return `${stem}${rng.pick(['一', '二', '三', '四', '五', '六'])}${rng.pick(['小区', '村', '号院'])}`;
  }
  const r = rng.next();
  if (households > 2500 || r < 0.1) {
    return `${rng.chance(0.5) ? stem : rng.pick(COMMUNITY_WORDS)}${rng.pick(ESTATE_SUFFIXES)}·${rng.pick(ESTATE_PARTS)}`;
  }
  if (r < 0.3) return `${stem}${rng.pick(COMMUNITY_SUFFIXES)}`;
  if (r < 0.45) return `${stem}${rng.pick(COMMUNITY_WORDS)}${rng.pick(COMMUNITY_SUFFIXES)}`;
  return `${rng.pick(COMMUNITY_WORDS)}${rng.pick(COMMUNITY_SUFFIXES)}`;
}

/** The initial facts and, for about one in ten communities, a later change (owners agree, capacity, fire works). */
function drawEligibility(rng: Random, community: WorldCommunity, isNew: boolean, county: boolean): void {
  const garage = community.row.garageType;
  const old = community.old;
  const required = fireSafetyRequired(garage);
  const capacitySufficient = isNew || rng.chance(old ? 0.65 : county ? 0.82 : 0.92);
  const initial: EligibilityFacts = {
    residentDemand: isNew || rng.chance(old ? 0.82 : county ? 0.86 : 0.92),
    parkingAvailable: isNew || rng.chance(garage === GarageType.None ? 0.3 : old ? 0.82 : 0.97),
    capacitySufficient,
    capacitySolutionAgreed: !capacitySufficient && rng.chance(0.3),
    fireSafetyRequired: required,
    fireSafetyComplete: required ? isNew || rng.chance(old ? 0.7 : 0.93) : null,
  };
  community.eligibility.push({ day: community.registeredDay, facts: initial });
  const changeDay = rng.int(dayNumber('2022-09-01'), dayNumber('2026-06-30'));
  if (!isEligible(initial)) {
    if (rng.chance(0.34)) {
      const failing: (keyof EligibilityFacts)[] = [];
      if (!initial.residentDemand) failing.push('residentDemand');
      if (!initial.parkingAvailable) failing.push('parkingAvailable');
      if (!initial.capacitySufficient && !initial.capacitySolutionAgreed) failing.push('capacitySolutionAgreed');
      if (required && !initial.fireSafetyComplete) failing.push('fireSafetyComplete');
      // Owners' meeting agrees, parking found (人防车位), capacity solution agreed, or fire facilities upgraded.
      community.eligibility.push({ day: changeDay, facts: { ...initial, [rng.pick(failing)]: true } });
    }
  } else if (!isNew && initial.capacitySufficient && rng.chance(0.02)) {
    // New loads used up the capacity; orderly charging was agreed at once (Kunming §三(三)): still eligible.
    community.eligibility.push({
      day: changeDay,
      facts: { ...initial, capacitySufficient: false, capacitySolutionAgreed: true },
    });
  }
  const firstEligible = community.eligibility.find((e) => isEligible(e.facts));
  community.eligibleFrom = firstEligible ? firstEligible.day : null;
}

function designatePilots(communities: WorldCommunity[]): { community: WorldCommunity; designatedDay: number }[] {
  const pilots: { community: WorldCommunity; designatedDay: number }[] = [];
  for (const district of KUNMING_DISTRICTS) {
    const rng = rand(`pilots:${district.code}`);
    const candidates = communities.filter(
      (c) => c.district === district && !c.old && c.eligibleFrom === START && c.row.households >= 300,
    );
    // Districts pick larger communities with many EVs for their pilots (Kunming §三(一)).
    const ranked = rng.shuffle(candidates).sort((a, b) => b.row.households - a.row.households);
    const chosen = rng.shuffle(ranked.slice(0, district.pilotsDesignated * 4)).slice(0, district.pilotsDesignated);
    for (const community of chosen) {
      pilots.push({ community, designatedDay: rng.int(dayNumber('2022-07-25'), dayNumber('2022-08-31')) });
    }
  }
  return pilots;
}

function breachRisk(district: DemoDistrictSeed): BreachRisk {
  // County supply bureaux are slower than the city's.
  const factor = district.tier === DistrictTier.C ? 1.6 : 1;
  return {
    gridAccept: 0.05 * factor,
    supplyPlan: 0.07 * factor,
    meter: 0.05 * factor,
    platformLate: 0.08 * factor,
    platformNever: 0.03,
  };
}

function curveDay(pace: DemoPace, shift: number, q: number): number | null {
  const points = PACE_CURVES[pace].map(([date, share], index): [number, number] => [
    dayNumber(date) + (index === 0 ? 0 : shift),
    share,
  ]);
  for (let i = 1; i < points.length; i++) {
    const [d0, s0] = points[i - 1];
    const [d1, s1] = points[i];
    if (q <= s1) return Math.round(d0 + ((q - s0) / (s1 - s0)) * (d1 - d0));
  }
  return null;
}

function planFacilities(
  communities: WorldCommunity[],
  pilots: { community: WorldCommunity; designatedDay: number }[],
  operators: WorldOperator[],
): PlannedFacility[] {
  const facilities: PlannedFacility[] = [];
  const pilotSet = new Set(pilots.map((p) => p.community));
  for (const district of KUNMING_DISTRICTS) {
    const rng = rand(`facilities:${district.code}`);
    const risk = breachRisk(district);
    const mine = communities.filter((c) => c.district === district);
    const add = (community: WorldCommunity, usage: FacilityUsage, phase: 1 | 2, days: StageDays) => {
      const accepted = days.acceptedOn;
      if (days.surveyedOn === null || days.surveyedOn > HORIZON) return null;
      const facility = makeFacility(rng, community, usage, phase, days, operators);
      facilities.push(facility);
      return accepted;
    };

    // 2022 pilots: completed by the plan's end, except the district's laggards (Kunming §二(一)1).
    const districtPilots = pilots.filter((p) => p.community.district === district);
    districtPilots.forEach((pilot, index) => {
      const completes = index < district.pilotsCompletedIn2022;
      const target = completes
        ? rng.int(dayNumber('2022-10-20'), dayNumber('2022-12-20'))
        : rng.int(dayNumber('2023-02-20'), dayNumber('2023-06-30'));
      const durations = drawDurations(rng, completes ? ScheduleProfile.Pilot : ScheduleProfile.Public, risk);
      let days = scheduleForAcceptance(target, pilot.designatedDay + 3, durations);
      while (!completes && days.acceptedOn! <= PILOT_PLAN_END) days = scheduleFrom(days.surveyedOn! + 15, durations);
      add(pilot.community, FacilityUsage.Public, 1, days);
    });

    // Everyone else along the district's pace curve, in a random order (larger communities a little earlier).
    const queue = mine
      .filter((c) => c.eligibleFrom !== null && !pilotSet.has(c))
      .map((c) => ({ c, key: rng.next() - (c.row.households > 1500 ? 0.15 : 0) }))
      .sort((a, b) => a.key - b.key)
      .map((e) => e.c);
    const shift = rng.int(-30, 30);
    queue.forEach((community, index) => {
      const q = (index + 0.5) / queue.length;
      let target = curveDay(district.pace, shift, q);
      if (target === null) return;
      const eligibleFrom = community.eligibleFrom!;
      if (eligibleFrom > START) target = Math.max(target, eligibleFrom + rng.int(90, 200));
      if (target > HORIZON) return;
      const days = scheduleForAcceptance(
        target,
        Math.max(eligibleFrom, dayNumber('2022-01-04')),
        drawDurations(rng, ScheduleProfile.Public, risk),
      );
      const accepted = add(community, FacilityUsage.Public, 1, days);
      // Large communities add a second station once the first fills up.
      if (accepted !== null && community.row.households >= 1500 && rng.chance(0.3)) {
        const second = scheduleForAcceptance(
          accepted + rng.int(200, 600),
          accepted + 30,
          drawDurations(rng, ScheduleProfile.Public, risk),
        );
        add(community, FacilityUsage.Public, 2, second);
      }
    });

    // Self-use piles installed through the property company (not counted for coverage).
    for (const community of mine) {
      if (community.row.garageType === GarageType.None || !rng.chance(0.07)) continue;
      const target = rng.int(dayNumber('2022-03-01'), dayNumber('2027-06-30'));
      const days = scheduleForAcceptance(
        Math.max(target, community.registeredDay + 60),
        Math.max(community.registeredDay, dayNumber('2022-01-04')),
        drawDurations(rng, ScheduleProfile.SelfUse, risk),
      );
      add(community, FacilityUsage.SelfUse, 1, days);
    }
  }
  retireSome(facilities, operators);
  return facilities;
}

function makeFacility(
  rng: Random,
  community: WorldCommunity,
  usage: FacilityUsage,
  phase: 1 | 2,
  days: StageDays,
  operators: WorldOperator[],
): PlannedFacility {
  const selfUse = usage === FacilityUsage.SelfUse;
  let acPiles: number;
  let dcPower: number[] = [];
  if (selfUse) {
    acPiles = rng.int(1, 6);
  } else if (phase === 2) {
    acPiles = rng.int(4, 12);
    dcPower = Array.from({ length: rng.int(0, 2) }, () => (rng.chance(0.6) ? 60 : 120));
  } else {
    acPiles = Math.min(24, Math.max(4, Math.round((community.row.households / 150) * rng.float(0.6, 1.4))));
    if (rng.chance(0.45)) dcPower = Array.from({ length: rng.int(1, 4) }, () => (rng.chance(0.7) ? 60 : 120));
  }
  // AC slow piles 7 kW; DC fast piles 60 or 120 kW.
  const totalKw = acPiles * 7 + dcPower.reduce((sum, kw) => sum + kw, 0);
  const fee = selfUse
    ? null
    : (rng.weighted([40, 45, 50, 55, 60, 65, 70, 75, 80], (c) => (c >= 50 && c <= 65 ? 3 : 1)) / 100).toFixed(4);
  return {
    community,
    usage,
    phase,
    days,
    retiredDay: null,
    retiredReason: null,
    acPiles,
    dcPiles: dcPower.length,
    totalKw,
    fee,
    operatorCreditCode: selfUse ? null : chooseOperator(rng, community, days, operators),
    lon: community.lon + rng.float(-0.0004, 0.0004),
    lat: community.lat + rng.float(-0.0004, 0.0004),
  };
}

function chooseOperator(rng: Random, community: WorldCommunity, days: StageDays, operators: WorldOperator[]): string {
  const agreed = days.agreementOn ?? days.surveyedOn!;
  // An operator that leaves the registry takes only facilities that were running before it left.
  const done = days.platformConnectedOn ?? days.acceptedOn ?? HORIZON;
  const serving = operators.filter(
    (o) => o.districts.has(community.district.code) && (o.removedDay ?? Infinity) > done,
  );
  const listed = serving.filter((o) => o.listedDay <= agreed);
  // Before the registry existed (pre-policy facilities) the firms that were listed first built them.
  const pool = listed.length > 0 ? listed : serving.filter((o) => o.listedDay <= POLICY_ISSUED + 60);
  return rng.weighted(pool.length > 0 ? pool : operators.slice(0, 3), (o) => o.weight).row.creditCode;
}

const RETIRED_REASONS = [
  '运营协议到期，设施已拆除，市级平台档案已注销',
  '小区改造，设施拆除迁建，市级平台档案已注销',
  '长期无人使用，经业主大会同意拆除，市级平台档案已注销',
  '设施老化存在安全隐患，已拆除，市级平台档案已注销',
];

/** A few facilities end (Beijing (十三)): the agreement ends, the site is rebuilt, or nobody used it. */
function retireSome(facilities: PlannedFacility[], operators: WorldOperator[]): void {
  const rng = rand('retirements');
  const leaving = operators.filter((o) => o.removedDay !== null);
  for (const facility of facilities) {
    const accepted = facility.days.acceptedOn;
    if (accepted === null) continue;
    const leaver = leaving.find((o) => o.row.creditCode === facility.operatorCreditCode);
    if (leaver && leaver.removedDay !== null && accepted < leaver.removedDay) {
      // Its operator left the registry: the facility stops with it.
      facility.retiredDay = leaver.removedDay + rng.int(10, 60);
      facility.retiredReason = '运营企业退出充电设施建设企业名录，设施停止运营并拆除，市级平台档案已注销';
    } else if (facility.usage === FacilityUsage.SelfUse && rng.chance(0.03)) {
      facility.retiredDay = accepted + rng.int(180, 700);
      facility.retiredReason = '车位转让，自用充电桩已拆除';
    } else if (facility.usage === FacilityUsage.Public && accepted <= dayNumber('2025-06-30') && rng.chance(0.012)) {
      facility.retiredDay = accepted + rng.int(300, 900);
      facility.retiredReason = rng.pick(RETIRED_REASONS);
    }
    const lastStage = facility.days.platformConnectedOn ?? accepted;
    if (facility.retiredDay !== null && (facility.retiredDay > HORIZON || facility.retiredDay <= lastStage)) {
      facility.retiredDay = null;
      facility.retiredReason = null;
    }
  }
}

/** Codes F<district>-NNNNNN and platform ids in the order facilities were surveyed: stable whatever asOf is. */
function numberFacilities(facilities: PlannedFacility[]): void {
  facilities.sort(
    (a, b) =>
      a.days.surveyedOn! - b.days.surveyedOn! ||
      compareText(a.community.row.code, b.community.row.code) ||
      a.phase - b.phase ||
      compareText(a.usage, b.usage),
  );
  const perDistrict = new Map<string, number>();
  let platformSerial = 0;
  for (const facility of facilities) {
    const district = facility.community.district.code;
    const serial = (perDistrict.get(district) ?? 0) + 1;
    perDistrict.set(district, serial);
    facility.code = `F${district}-${String(serial).padStart(6, '0')}`;
    facility.platformId =
      facility.days.platformConnectedOn === null ? null : `KMCD${String(++platformSerial).padStart(8, '0')}`;
  }
}

function distanceM(aLon: number, aLat: number, bLon: number, bLat: number): number {
  const dx = (aLon - bLon) * METRES_PER_DEGREE_LON;
  const dy = (aLat - bLat) * METRES_PER_DEGREE_LAT;
  return Math.sqrt(dx * dx + dy * dy);
}

/** Kunming §二(一)2, §四(二): some ineligible communities are served by a public facility within 1 km. */
function linkNearbyCoverage(communities: WorldCommunity[], facilities: PlannedFacility[]): World['nearby'] {
  const rng = rand('nearby-coverage');
  const links: World['nearby'] = [];
  const publicByDistrict = new Map<DemoDistrictSeed, PlannedFacility[]>();
  for (const facility of facilities) {
    if (facility.usage !== FacilityUsage.Public || facility.days.acceptedOn === null) continue;
    const list = publicByDistrict.get(facility.community.district) ?? [];
    list.push(facility);
    publicByDistrict.set(facility.community.district, list);
  }
  for (const community of communities) {
    const ineligibleUntil = community.eligibleFrom ?? HORIZON;
    if (ineligibleUntil <= community.registeredDay || !rng.chance(0.5)) continue;
    const candidates = (publicByDistrict.get(community.district) ?? [])
      .filter((f) => f.community !== community)
      .map((f) => ({ f, metres: distanceM(community.lon, community.lat, f.lon, f.lat) * WALKING_FACTOR }))
      .filter((c) => c.metres <= SERVICE_RADIUS_M)
      .sort((a, b) => a.metres - b.metres || compareText(a.f.code!, b.f.code!));
    for (const { f, metres } of candidates) {
      const from = Math.max(f.days.acceptedOn!, community.registeredDay) + rng.int(7, 60);
      const to = f.retiredDay;
      if (from >= ineligibleUntil || from > HORIZON || (to !== null && to <= from)) continue;
      links.push({ community, facility: f, distanceM: Math.max(80, Math.round(metres / 10) * 10), from, to });
      break;
    }
  }
  return links;
}

/** A handful of old communities are demolished for redevelopment (征收拆迁) and leave the register. */
function removeDemolished(
  communities: WorldCommunity[],
  facilities: PlannedFacility[],
  nearby: World['nearby'],
  pilots: World['pilots'],
): Map<WorldCommunity, number> {
  const rng = rand('removals');
  const busy = new Set<WorldCommunity>([
    ...facilities.map((f) => f.community),
    ...nearby.map((n) => n.community),
    ...pilots.map((p) => p.community),
  ]);
  const candidates = communities.filter(
    (c) => c.old && c.eligibleFrom === null && !busy.has(c) && URBAN_CORE.includes(c.district.code),
  );
  const removals = new Map<WorldCommunity, number>();
  for (const community of rng.shuffle(candidates).slice(0, 6)) {
    removals.set(community, rng.int(dayNumber('2024-03-01'), dayNumber('2025-10-31')));
  }
  return removals;
}

function buildComplaints(
  communities: WorldCommunity[],
  companies: DemoPropertyCompanyRow[],
  facilities: PlannedFacility[],
  removals: Map<WorldCommunity, number>,
): World['complaints'] {
  const rng = rand('complaints');
  const withFacility = new Set(facilities.filter((f) => f.usage === FacilityUsage.Public).map((f) => f.community));
  const managed = communities.filter(
    (c) => c.row.propertyCompanyName !== null && !removals.has(c) && c.registeredDay === START,
  );
  const companyOfGroup = new Map<number, string>();
  const result: World['complaints'] = [];
  for (const template of DEMO_COMPLAINTS) {
    let company = companyOfGroup.get(template.group);
    if (!company) {
      company = rng.pick(companies.filter((c) => managed.some((m) => m.row.propertyCompanyName === c.name))).name;
      companyOfGroup.set(template.group, company);
    }
    const theirs = managed.filter((c) => c.row.propertyCompanyName === company);
    // Obstruction of public facilities happens where one was wanted; the rest where one exists.
    const preferred = theirs.filter((c) =>
      template.kind === ComplaintKind.Other ? withFacility.has(c) : c.eligibleFrom !== null,
    );
    const community = rng.pick(preferred.length > 0 ? preferred : theirs);
    const receivedDay = dayNumber(template.received);
    const decidedDay = onOrAfterWeekday(receivedDay + rng.int(15, 45));
    result.push({
      row: {
        propertyCompanyName: company,
        communityCode: community.row.code,
        kind: template.kind,
        facilityUsage: template.facilityUsage,
        receivedOn: template.received,
        description: template.description,
        status: template.status,
        decidedByUsername: null,
        decidedAt: null,
        decisionNote: template.note,
      },
      receivedDay,
      decidedDay,
      finalStatus: template.status,
    });
  }
  return result;
}

/** Patrol records start with the 2025 rating year (quarterly patrols: the default rating rule). */
const PATROLS_FROM = 2025;

/**
 * Quarterly safety patrols of every managed community with a built facility (Jinpu §二(五) 加强对已建充电设施进行
 * 日常巡查管理). Each company has its own diligence: how often it patrols and how fast it fixes what it finds, so
 * the 2025 rating spreads over the grades.
 */
function buildPatrols(
  communities: WorldCommunity[],
  facilities: PlannedFacility[],
  removals: Map<WorldCommunity, number>,
): World['patrols'] {
  const rng = rand('patrols');
  const built = new Map<WorldCommunity, { accepted: number; retired: number | null }[]>();
  for (const f of facilities) {
    if (f.days.acceptedOn === null) continue;
    const list = built.get(f.community) ?? [];
    list.push({ accepted: f.days.acceptedOn, retired: f.retiredDay });
    built.set(f.community, list);
  }
  const diligence = new Map<string, number>();
  const diligenceOf = (company: string): number => {
    let value = diligence.get(company);
    if (value === undefined) {
      value = rand(`patrol-diligence:${company}`).weighted([0.98, 0.9, 0.75, 0.5, 0.25], (d) =>
        d >= 0.9 ? 3 : d >= 0.5 ? 2 : 1,
      );
      diligence.set(company, value);
    }
    return value;
  };
  const quarters: [number, number][] = [];
  for (let year = PATROLS_FROM; year <= Number(DEMO_HORIZON.slice(0, 4)); year++) {
    for (const [from, to] of [
      ['01-01', '03-31'],
      ['04-01', '06-30'],
      ['07-01', '09-30'],
      ['10-01', '12-31'],
    ]) {
      quarters.push([dayNumber(`${year}-${from}`), dayNumber(`${year}-${to}`)]);
    }
  }
  const result: World['patrols'] = [];
  for (const community of communities) {
    const company = community.row.propertyCompanyName;
    const sites = built.get(community);
    if (company === null || !sites) continue;
    const care = diligenceOf(company);
    for (const [start, end] of quarters) {
      const inUse = sites.some((s) => s.accepted < start && (s.retired === null || s.retired > start));
      const removed = removals.get(community);
      if (!inUse || (removed !== undefined && removed <= start)) continue;
      if (!rng.chance(care)) continue;
      const patrolDay = onOrAfterWeekday(rng.int(start, end - 3));
      const found = rng.chance(0.12) ? rng.pick(PATROL_ISSUES) : null;
      let rectifiedDay: number | null = null;
      if (found) {
        if (rng.chance(care)) rectifiedDay = patrolDay + rng.int(1, 14);
        else if (rng.chance(0.6)) rectifiedDay = patrolDay + rng.int(16, 60);
      }
      result.push({
        row: {
          communityCode: community.row.code,
          propertyCompanyName: company,
          patrolledOn: dayString(patrolDay),
          inspector: `${rng.pick(PATROL_INSPECTOR_TITLES)} ${personName(rng)}`,
          result: found ? PatrolResult.IssuesFound : PatrolResult.NoIssues,
          issues: found ? found.issue : null,
          rectifiedOn: rectifiedDay === null ? null : dayString(rectifiedDay),
          rectificationNote: rectifiedDay === null || !found ? null : found.fix,
        },
        patrolDay,
        rectifiedDay,
      });
    }
  }
  return result;
}

function buildUsers(): DemoUserRow[] {
  return [
    { username: 'office', displayName: '市发展改革委', role: Role.Office, districtCode: null },
    { username: 'leader', displayName: '市领导', role: Role.Leader, districtCode: null },
    ...KUNMING_DISTRICTS.map((d) => ({
      username: d.username,
      displayName: d.office,
      role: Role.District,
      districtCode: d.code,
    })),
  ];
}

function buildTargetPlans(): { plans: DemoTargetPlanRow[]; targets: DemoDistrictTargetRow[] } {
  const plans: DemoTargetPlanRow[] = [
    {
      code: PILOT_PLAN_CODE,
      name: '2022年试点示范（5/3/1）',
      kind: TargetKind.PilotCount,
      startMonth: '2022-07',
      endMonth: '2022-12',
      basis: KUNMING_PLAN_BASIS,
      description:
        '2022年，五华区、盘龙区、西山区、官渡区、呈贡区至少确定并完成5个居住社区的公用充电设施建设，经开区、度假区、高新区至少确定并完成3个，其余县（市）区、开发（度假）园区至少确定并完成1个。',
    },
    {
      code: COVERAGE_PLAN_CODE,
      name: '2025年全面推广（全覆盖）',
      kind: TargetKind.CoverageRatio,
      startMonth: '2022-07',
      endMonth: '2025-12',
      basis: KUNMING_PLAN_BASIS,
      description:
        '2025年，在全市范围内符合建设条件的既有居住社区内全面完成公用充电设施建设；对自身客观条件不满足的，在社区周边支路、次干路、可利用的边角地块建设公用充电设施。',
    },
  ];
  const targets: DemoDistrictTargetRow[] = KUNMING_DISTRICTS.flatMap((d) => [
    { planCode: PILOT_PLAN_CODE, districtCode: d.code, targetCount: PILOT_TARGETS[d.tier], targetRatio: null },
    { planCode: COVERAGE_PLAN_CODE, districtCode: d.code, targetCount: null, targetRatio: '1.0000' },
  ]);
  return { plans, targets };
}

// ---------------------------------------------------------------------------------------------------------------
// Cutting the world at asOf
// ---------------------------------------------------------------------------------------------------------------

function cutAt(world: World, asOf: number): KunmingDemo {
  const seen = (day: number | null): string | null => (day !== null && day <= asOf ? dayString(day) : null);
  const communities = world.communities.filter((c) => c.registeredDay <= asOf);
  const eligibility: DemoEligibilityRow[] = communities.flatMap((c) =>
    c.eligibility
      .filter((e) => e.day <= asOf)
      .map((e) => {
        const eligible = isEligible(e.facts);
        return {
          communityCode: c.row.code,
          effectiveFrom: dayString(e.day),
          ...e.facts,
          eligible,
          ineligibleReason: ineligibleReason(e.facts, c.row.garageType, c.missingFire),
          source: EligibilitySource.Seed,
        };
      }),
  );

  const facilities: DemoFacilityRow[] = [];
  for (const f of world.facilities) {
    if (f.days.surveyedOn! > asOf) continue;
    const stages = Object.fromEntries(FACILITY_STAGES.map((stage) => [stage, seen(f.days[stage])])) as Record<
      (typeof FACILITY_STAGES)[number],
      string | null
    >;
    const retiredOn = seen(f.retiredDay);
    facilities.push({
      code: f.code!,
      name: `${f.community.row.name}${f.usage === FacilityUsage.SelfUse ? '自用充电桩' : f.phase === 2 ? '公用充电站（二期）' : '公用充电站'}`,
      communityCode: f.community.row.code,
      usage: f.usage,
      operatorCreditCode: f.operatorCreditCode,
      propertyCompanyName: f.community.row.propertyCompanyName,
      acPiles: f.acPiles,
      dcPiles: f.dcPiles,
      totalKw: f.totalKw.toFixed(3),
      serviceFeeYuanPerKwh: f.fee,
      platformId: stages.platformConnectedOn === null ? null : (f.platformId ?? null),
      longitude: f.lon.toFixed(6),
      latitude: f.lat.toFixed(6),
      ...stages,
      surveyedOn: stages.surveyedOn!,
      retiredOn,
      retiredReason: retiredOn === null ? null : f.retiredReason,
    });
  }
  facilities.sort((a, b) => compareText(a.code, b.code));

  const nearbyCoverage: DemoNearbyCoverageRow[] = world.nearby
    .filter((n) => n.from <= asOf)
    .map((n) => ({
      communityCode: n.community.row.code,
      facilityCode: n.facility.code!,
      distanceM: n.distanceM,
      validFrom: dayString(n.from),
      validTo: seen(n.to),
    }));

  const operators = world.operators
    .filter((o) => o.listedDay <= asOf)
    .map((o) => ({
      ...o.row,
      status: o.removedDay !== null && o.removedDay <= asOf ? OperatorStatus.Removed : OperatorStatus.Listed,
    }));

  const complaints: DemoComplaintRow[] = world.complaints
    .filter((c) => c.receivedDay <= asOf)
    .map(({ row, decidedDay, finalStatus }) =>
      finalStatus !== ComplaintStatus.Registered && decidedDay <= asOf
        ? {
            ...row,
            status: finalStatus,
            decidedByUsername: 'office',
            decidedAt: `${dayString(decidedDay)}T10:00:00+08:00`,
          }
        : { ...row, status: ComplaintStatus.Registered, decidedByUsername: null, decidedAt: null, decisionNote: null },
    );

  const patrols: DemoPatrolRow[] = world.patrols
    .filter((p) => p.patrolDay <= asOf)
    .map(({ row, rectifiedDay }) =>
      rectifiedDay !== null && rectifiedDay <= asOf ? row : { ...row, rectifiedOn: null, rectificationNote: null },
    );

  const pilotDesignations: DemoPilotDesignationRow[] = world.pilots
    .filter((p) => p.designatedDay <= asOf)
    .map((p) => ({
      planCode: PILOT_PLAN_CODE,
      communityCode: p.community.row.code,
      designatedOn: dayString(p.designatedDay),
    }));

  const { plans, targets } = buildTargetPlans();
  return {
    asOf: dayString(asOf),
    city: { ...KUNMING_CITY },
    districts: world.districts.map((d, index) => ({
      code: d.code,
      name: d.name,
      cityCode: KUNMING_CITY.code,
      tier: d.tier,
      kind: d.kind,
      sortOrder: index + 1,
    })),
    streets: world.streets,
    propertyCompanies: world.propertyCompanies,
    operators,
    communities: communities.map((c) => ({ ...c.row, removedOn: seen(world.removals.get(c) ?? null) })),
    eligibility,
    users: buildUsers(),
    targetPlans: plans,
    districtTargets: targets,
    pilotDesignations,
    facilities,
    nearbyCoverage,
    complaints,
    patrols,
  };
}

/** Code-point order: unlike localeCompare, the same under every ICU version and locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
