import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface RatingSourceRow {
  companyId: number;
  companyName: string;
  /** Managed communities in the register at the year's end. */
  communities: number;
  eligibleManaged: number;
  eligibleWithPublicFacility: number;
  selfUseInstalled: number;
  selfUseRefusals: number;
  /** Managed communities with a facility in use the whole year. */
  communitiesInUse: number;
  communitiesPatrolled: number;
  patrols: number;
  issuesFound: number;
  issuesRectifiedInTime: number;
  confirmedObstructions: number;
  confirmedOther: number;
  complaintIds: number[];
}

/**
 * The counts behind a year's property-company rating. Which communities a company manages is the register's current
 * assignment (community.property_company_id has no history); everything else is dated and cut at the year.
 */
@Injectable()
export class RatingInputsRepository {
  async sources(
    manager: EntityManager,
    year: number,
    minPatrols: number,
    rectificationDays: number,
  ): Promise<RatingSourceRow[]> {
    const yearStart = `${year}-01-01`;
    const yearEnd = `${year}-12-31`;
    return manager.query(
      `WITH managed AS (
         SELECT c.id, c.property_company_id AS company_id FROM community c
          WHERE c.property_company_id IS NOT NULL AND c.registered_on <= $2 AND (c.removed_on IS NULL OR c.removed_on > $2)),
       eligibility AS (
         SELECT DISTINCT ON (e.community_id) e.community_id, e.eligible
           FROM community_eligibility e JOIN managed m ON m.id = e.community_id
          WHERE e.effective_from <= $2 ORDER BY e.community_id, e.effective_from DESC),
       -- SPEC: built = accepted (验收); a retired facility no longer counts.
       built_public AS (
         SELECT DISTINCT f.community_id FROM facility f JOIN managed m ON m.id = f.community_id
          WHERE f.usage = 'public' AND f.accepted_on <= $2 AND (f.retired_on IS NULL OR f.retired_on > $2)),
       -- A facility in use all year: accepted before the year and not retired within it.
       in_use AS (
         SELECT DISTINCT f.community_id FROM facility f JOIN managed m ON m.id = f.community_id
          WHERE f.accepted_on < $1 AND (f.retired_on IS NULL OR f.retired_on > $2)),
       patrol_counts AS (
         SELECT p.community_id, count(*)::int AS n FROM safety_patrol p
           JOIN managed m ON m.id = p.community_id AND m.company_id = p.property_company_id
          WHERE p.patrolled_on BETWEEN $1 AND $2 GROUP BY p.community_id),
       per_managed AS (
         SELECT m.company_id,
                count(*)::int AS communities,
                count(*) FILTER (WHERE e.eligible)::int AS eligible_managed,
                count(*) FILTER (WHERE e.eligible AND b.community_id IS NOT NULL)::int AS eligible_built,
                count(*) FILTER (WHERE u.community_id IS NOT NULL)::int AS in_use,
                count(*) FILTER (WHERE u.community_id IS NOT NULL AND COALESCE(pc.n, 0) >= $3)::int AS patrolled
           FROM managed m LEFT JOIN eligibility e ON e.community_id = m.id
           LEFT JOIN built_public b ON b.community_id = m.id LEFT JOIN in_use u ON u.community_id = m.id
           LEFT JOIN patrol_counts pc ON pc.community_id = m.id
          GROUP BY m.company_id),
       self_use AS (
         SELECT COALESCE(f.property_company_id, c.property_company_id) AS company_id, count(*)::int AS n
           FROM facility f JOIN community c ON c.id = f.community_id
          WHERE f.usage = 'self_use' AND f.accepted_on BETWEEN $1 AND $2
          GROUP BY 1),
       patrol_issues AS (
         SELECT p.property_company_id AS company_id, count(*)::int AS patrols,
                count(*) FILTER (WHERE p.result = 'issues_found')::int AS found,
                count(*) FILTER (WHERE p.result = 'issues_found' AND p.rectified_on <= p.patrolled_on + $4::int)::int AS fixed
           FROM safety_patrol p WHERE p.patrolled_on BETWEEN $1 AND $2 GROUP BY 1),
       -- Complaints count in the year they were received; only the office's confirmation makes them count.
       complaints AS (
         SELECT property_company_id AS company_id,
                count(*) FILTER (WHERE kind = 'obstruction')::int AS obstructions,
                count(*) FILTER (WHERE kind = 'obstruction' AND facility_usage = 'self_use')::int AS self_use_refusals,
                count(*) FILTER (WHERE kind = 'other')::int AS other,
                array_agg(id ORDER BY id) AS ids
           FROM complaint WHERE status = 'confirmed' AND received_on BETWEEN $1 AND $2 GROUP BY 1)
       SELECT p.id AS "companyId", p.name AS "companyName",
              COALESCE(pm.communities, 0) AS communities,
              COALESCE(pm.eligible_managed, 0) AS "eligibleManaged",
              COALESCE(pm.eligible_built, 0) AS "eligibleWithPublicFacility",
              COALESCE(su.n, 0) AS "selfUseInstalled",
              COALESCE(cp.self_use_refusals, 0) AS "selfUseRefusals",
              COALESCE(pm.in_use, 0) AS "communitiesInUse",
              COALESCE(pm.patrolled, 0) AS "communitiesPatrolled",
              COALESCE(pi.patrols, 0) AS patrols,
              COALESCE(pi.found, 0) AS "issuesFound",
              COALESCE(pi.fixed, 0) AS "issuesRectifiedInTime",
              COALESCE(cp.obstructions, 0) AS "confirmedObstructions",
              COALESCE(cp.other, 0) AS "confirmedOther",
              COALESCE(cp.ids, '{}') AS "complaintIds"
         FROM property_company p
         LEFT JOIN per_managed pm ON pm.company_id = p.id LEFT JOIN self_use su ON su.company_id = p.id
         LEFT JOIN patrol_issues pi ON pi.company_id = p.id LEFT JOIN complaints cp ON cp.company_id = p.id
        WHERE pm.company_id IS NOT NULL OR su.company_id IS NOT NULL OR pi.company_id IS NOT NULL OR cp.company_id IS NOT NULL
        ORDER BY p.id`,
      [yearStart, yearEnd, minPatrols, rectificationDays],
    );
  }
}
