import { DistrictTier, FacilityUsage, validateCreditCode, isEligible } from '@app/org';
import { Role } from '@app/auth';
import { ComplaintKind, ComplaintStatus } from '@app/rating';
import { dayNumber } from './demo-dates.js';
import { COVERAGE_PLAN_CODE, generateKunmingDemo, PILOT_PLAN_CODE } from './kunming-demo.generator.js';
import { DemoFacilityRow, FACILITY_STAGES, KunmingDemo } from './kunming-demo.types.js';

const AS_OF = '2026-03-31';

describe('generateKunmingDemo', () => {
  let demo: KunmingDemo;

  beforeAll(() => {
    demo = generateKunmingDemo({ asOf: AS_OF });
  });

  it('is deterministic', () => {
    expect(generateKunmingDemo({ asOf: AS_OF })).toEqual(demo);
  });

  it('refuses a date before the history starts, or not a date', () => {
    expect(() => generateKunmingDemo({ asOf: '2021-12-31' })).toThrow(/不能早于/);
    expect(() => generateKunmingDemo({ asOf: '2026-02-30' })).toThrow(/不存在/);
    expect(() => generateKunmingDemo({ asOf: '20260301' })).toThrow(/YYYY-MM-DD/);
  });

  it('has the districts, tiers and codes of the Kunming plan', () => {
    const tiers = Object.fromEntries(demo.districts.map((d) => [d.name, d.tier]));
    expect(demo.districts).toHaveLength(19);
    for (const name of ['五华区', '盘龙区', '西山区', '官渡区', '呈贡区']) expect(tiers[name]).toBe(DistrictTier.A);
    for (const name of ['经开区', '度假区', '高新区']) expect(tiers[name]).toBe(DistrictTier.B);
    expect(demo.districts.filter((d) => d.tier === DistrictTier.C)).toHaveLength(11);
    expect(demo.districts.find((d) => d.name === '安宁市')?.code).toBe('530181');
    expect(new Set(demo.districts.map((d) => d.code)).size).toBe(19);
    expect(demo.city).toEqual({ code: '530100', name: '昆明市', provinceCode: '530000', provinceName: '云南省' });
  });

  it('has about 3,000 communities with unique codes, most in the main urban districts', () => {
    expect(demo.communities.length).toBeGreaterThan(2900);
    expect(demo.communities.length).toBeLessThan(3200);
    expect(new Set(demo.communities.map((c) => c.code)).size).toBe(demo.communities.length);
    const tierA = new Set(demo.districts.filter((d) => d.tier === DistrictTier.A).map((d) => d.code));
    expect(demo.communities.filter((c) => tierA.has(c.districtCode)).length).toBeGreaterThan(
      demo.communities.length / 2,
    );
    for (const c of demo.communities) {
      expect(c.code).toMatch(new RegExp(`^C${c.districtCode}-\\d{4}$`));
      expect(c.streetCode.startsWith(c.districtCode)).toBe(true);
    }
  });

  it('gives every company and operator a valid 统一社会信用代码 from a Kunming division', () => {
    const codes = [...demo.propertyCompanies, ...demo.operators].map((c) => c.creditCode);
    expect(demo.propertyCompanies.length).toBeGreaterThanOrEqual(55);
    expect(demo.operators.length).toBeGreaterThanOrEqual(10);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(validateCreditCode(code)).toEqual({ ok: true, normalised: code });
      expect(code.slice(2, 6)).toBe('5301');
    }
  });

  it('keeps every eligibility row consistent with the rule, with a reason when ineligible', () => {
    for (const row of demo.eligibility) {
      expect(row.eligible).toBe(isEligible(row));
      expect(row.ineligibleReason === null).toBe(row.eligible);
      expect(row.effectiveFrom <= AS_OF).toBe(true);
    }
    const initial = demo.eligibility.filter((e) => e.effectiveFrom === '2022-01-01');
    const share = initial.filter((e) => e.eligible).length / initial.length;
    expect(share).toBeGreaterThan(0.62);
    expect(share).toBeLessThan(0.78);
    const changed = new Set(demo.eligibility.filter((e) => e.effectiveFrom > '2022-01-01').map((e) => e.communityCode));
    expect(changed.size / demo.communities.length).toBeGreaterThan(0.05);
    expect(demo.eligibility.some((e) => e.ineligibleReason?.includes('消防设施不全（缺'))).toBe(true);
  });

  it('has the two plans: pilots 5/3/1 by tier and full coverage', () => {
    const tierOf = new Map(demo.districts.map((d) => [d.code, d.tier]));
    const pilotTargets = demo.districtTargets.filter((t) => t.planCode === PILOT_PLAN_CODE);
    expect(pilotTargets).toHaveLength(19);
    for (const t of pilotTargets) {
      expect(t.targetCount).toBe({ A: 5, B: 3, C: 1 }[tierOf.get(t.districtCode)!]);
    }
    const coverage = demo.districtTargets.filter((t) => t.planCode === COVERAGE_PLAN_CODE);
    expect(coverage.every((t) => t.targetRatio === '1.0000' && t.targetCount === null)).toBe(true);
  });

  it('designates at least the target number of pilots, and some tier-A districts miss the 2022 deadline', () => {
    const districtOf = new Map(demo.communities.map((c) => [c.code, c.districtCode]));
    const completedBy2022 = (code: string) =>
      demo.facilities.some(
        (f) =>
          f.communityCode === code &&
          f.usage === FacilityUsage.Public &&
          f.acceptedOn !== null &&
          f.acceptedOn <= '2022-12-31',
      );
    const laggards: string[] = [];
    for (const target of demo.districtTargets.filter((t) => t.planCode === PILOT_PLAN_CODE)) {
      const pilots = demo.pilotDesignations.filter((p) => districtOf.get(p.communityCode) === target.districtCode);
      expect(pilots.length).toBeGreaterThanOrEqual(target.targetCount!);
      if (pilots.filter((p) => completedBy2022(p.communityCode)).length < target.targetCount!) {
        laggards.push(target.districtCode);
      }
    }
    expect(laggards).toEqual(expect.arrayContaining(['530111', '530112']));
    expect(laggards.length).toBeLessThan(8);
  });

  it('dates nothing after asOf and keeps the facility stages in order', () => {
    for (const f of demo.facilities) {
      const dates = FACILITY_STAGES.map((stage) => f[stage]);
      const known = dates.filter((d): d is string => d !== null);
      // Stages happen in order, so what asOf cuts off is always a tail.
      expect(dates.slice(0, known.length)).toEqual(known);
      expect([...known].sort()).toEqual(known);
      for (const d of [...known, f.retiredOn]) if (d !== null) expect(d <= AS_OF).toBe(true);
      expect(f.platformId !== null).toBe(f.platformConnectedOn !== null);
      expect(f.retiredOn === null).toBe(f.retiredReason === null);
    }
  });

  it('has piles consistent with kW (AC 7 kW, DC 60 or 120 kW) and fees of 0.40–0.80 元/kWh', () => {
    for (const f of demo.facilities) {
      const dcKw = Number(f.totalKw) - 7 * f.acPiles;
      expect(dcKw % 60).toBe(0);
      expect(dcKw).toBeGreaterThanOrEqual(60 * f.dcPiles);
      expect(dcKw).toBeLessThanOrEqual(120 * f.dcPiles);
      if (f.usage === FacilityUsage.Public) {
        expect(Number(f.serviceFeeYuanPerKwh)).toBeGreaterThanOrEqual(0.4);
        expect(Number(f.serviceFeeYuanPerKwh)).toBeLessThanOrEqual(0.8);
        expect(f.operatorCreditCode).not.toBeNull();
      }
      expect(f.code).toMatch(/^F5301[0-9A]\d-\d{6}$/);
    }
    const usages = new Set(demo.facilities.map((f) => f.usage));
    expect(usages).toEqual(new Set([FacilityUsage.Public, FacilityUsage.SelfUse]));
  });

  it('shows grid delays that breach the limits, and most steps on time', () => {
    const gap = (f: DemoFacilityRow, from: keyof DemoFacilityRow, to: keyof DemoFacilityRow) =>
      f[from] && f[to] ? dayNumber(f[to] as string) - dayNumber(f[from] as string) : null;
    const accepted = demo.facilities.filter((f) => f.gridAcceptedOn !== null);
    const lateAccept = accepted.filter((f) => gap(f, 'gridAppliedOn', 'gridAcceptedOn')! >= 14);
    expect(lateAccept.length).toBeGreaterThan(0);
    expect(lateAccept.length / accepted.length).toBeLessThan(0.15);
    expect(demo.facilities.some((f) => gap(f, 'gridAcceptedOn', 'supplyPlanRepliedOn')! >= 14)).toBe(true);
    expect(demo.facilities.some((f) => gap(f, 'constructionCompletedOn', 'meterInstalledOn')! >= 14)).toBe(true);
    // Platform registration later than 2 months after acceptance (Jinpu), and some not registered at all.
    expect(demo.facilities.some((f) => gap(f, 'acceptedOn', 'platformConnectedOn')! > 62)).toBe(true);
    expect(
      demo.facilities.some(
        (f) =>
          f.usage === FacilityUsage.Public &&
          f.acceptedOn !== null &&
          f.acceptedOn < '2025-01-01' &&
          f.platformConnectedOn === null,
      ),
    ).toBe(true);
    expect(demo.facilities.some((f) => f.retiredOn !== null)).toBe(true);
  });

  it('ramps up from 2023 to 2025, with some districts on track and some clearly behind at the end of 2025', () => {
    const perYear = (year: string) =>
      demo.facilities.filter((f) => f.usage === FacilityUsage.Public && f.acceptedOn?.startsWith(year)).length;
    expect(perYear('2022')).toBeLessThan(perYear('2023'));
    expect(perYear('2023')).toBeLessThan(perYear('2024'));
    expect(perYear('2024')).toBeLessThan(perYear('2025'));
    const coverage = coverageAt(demo, '2025-12-31');
    expect(coverage.get('530102')!).toBeGreaterThan(0.95);
    expect(coverage.get('530114')!).toBeGreaterThan(0.95);
    expect(coverage.get('530128')!).toBeLessThan(0.7);
    expect(coverage.get('530113')!).toBeLessThan(0.7);
  });

  it('links some ineligible communities to a built public facility within 1 km in the same district', () => {
    const community = new Map(demo.communities.map((c) => [c.code, c]));
    const facility = new Map(demo.facilities.map((f) => [f.code, f]));
    expect(demo.nearbyCoverage.length).toBeGreaterThan(100);
    for (const link of demo.nearbyCoverage) {
      const f = facility.get(link.facilityCode)!;
      expect(link.distanceM).toBeLessThanOrEqual(1000);
      expect(f.usage).toBe(FacilityUsage.Public);
      expect(f.acceptedOn! < link.validFrom).toBe(true);
      expect(community.get(f.communityCode)!.districtCode).toBe(community.get(link.communityCode)!.districtCode);
      expect(f.communityCode).not.toBe(link.communityCode);
      const facts = demo.eligibility.filter(
        (e) => e.communityCode === link.communityCode && e.effectiveFrom <= link.validFrom,
      );
      expect(facts.at(-1)!.eligible).toBe(false);
    }
  });

  it('has complaints of both kinds in every state, and one account per district', () => {
    expect(new Set(demo.complaints.map((c) => c.kind))).toEqual(
      new Set([ComplaintKind.Obstruction, ComplaintKind.Other]),
    );
    expect(new Set(demo.complaints.map((c) => c.status))).toEqual(new Set(Object.values(ComplaintStatus)));
    for (const c of demo.complaints) expect(c.decidedAt === null).toBe(c.status === ComplaintStatus.Registered);
    const districtUsers = demo.users.filter((u) => u.role === Role.District);
    expect(new Set(districtUsers.map((u) => u.districtCode))).toEqual(new Set(demo.districts.map((d) => d.code)));
    expect(demo.users.map((u) => u.username)).toEqual(expect.arrayContaining(['office', 'leader', 'wuhua', 'jingkai']));
  });

  it('only adds to an earlier cut when asOf moves on', () => {
    const earlier = generateKunmingDemo({ asOf: '2024-06-30' });
    const later = new Map(demo.facilities.map((f) => [f.code, f]));
    expect(earlier.facilities.length).toBeLessThan(demo.facilities.length);
    for (const f of earlier.facilities) {
      const g = later.get(f.code)!;
      expect(g.communityCode).toBe(f.communityCode);
      for (const stage of FACILITY_STAGES) if (f[stage] !== null) expect(g[stage]).toBe(f[stage]);
    }
    const laterCommunities = new Set(demo.communities.map((c) => c.code));
    expect(earlier.communities.every((c) => laterCommunities.has(c.code))).toBe(true);
  });
});

/** Eligible communities with a built public facility of their own, per district (SPEC coverage %, simplified). */
function coverageAt(demo: KunmingDemo, date: string): Map<string, number> {
  const covered = new Set(
    demo.facilities
      .filter(
        (f) =>
          f.usage === FacilityUsage.Public &&
          f.acceptedOn !== null &&
          f.acceptedOn <= date &&
          (f.retiredOn === null || f.retiredOn > date),
      )
      .map((f) => f.communityCode),
  );
  const latest = new Map<string, boolean>();
  for (const e of demo.eligibility) if (e.effectiveFrom <= date) latest.set(e.communityCode, e.eligible);
  const result = new Map<string, number>();
  for (const d of demo.districts) {
    const eligible = demo.communities.filter((c) => c.districtCode === d.code && latest.get(c.code));
    result.set(d.code, eligible.filter((c) => covered.has(c.code)).length / eligible.length);
  }
  return result;
}
