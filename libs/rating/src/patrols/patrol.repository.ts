import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PatrolResult } from '../entities/safety-patrol.entity.js';

export interface PatrolView {
  id: number;
  communityId: number;
  communityName: string;
  districtId: number;
  districtName: string;
  propertyCompanyId: number;
  propertyCompanyName: string;
  patrolledOn: string;
  inspector: string | null;
  result: PatrolResult;
  issues: string | null;
  rectifiedOn: string | null;
  rectificationNote: string | null;
  recordedByName: string | null;
  createdAt: Date;
}

export interface PatrolFilter {
  /** null: every district. */
  districtIds: number[] | null;
  communityId?: number;
  propertyCompanyId?: number;
  year?: number;
  result?: PatrolResult;
  /** Issues found and not rectified. */
  openOnly?: boolean;
  page: number;
  pageSize: number;
}

const SELECT = `SELECT t.id, t.community_id AS "communityId", c.name AS "communityName", c.district_id AS "districtId",
       d.name AS "districtName", t.property_company_id AS "propertyCompanyId", p.name AS "propertyCompanyName",
       t.patrolled_on::text AS "patrolledOn", t.inspector, t.result, t.issues, t.rectified_on::text AS "rectifiedOn",
       t.rectification_note AS "rectificationNote", u.display_name AS "recordedByName", t.created_at AS "createdAt"
  FROM safety_patrol t JOIN community c ON c.id = t.community_id JOIN district d ON d.id = c.district_id
  JOIN property_company p ON p.id = t.property_company_id LEFT JOIN app_user u ON u.id = t.recorded_by`;

/** Queries of safety patrol records, scoped by the community's district. */
@Injectable()
export class PatrolRepository {
  constructor(private readonly dataSource: DataSource) {}

  async page(filter: PatrolFilter): Promise<{ items: PatrolView[]; total: number }> {
    const where = `WHERE ($1::int[] IS NULL OR c.district_id = ANY($1)) AND ($2::int IS NULL OR t.community_id = $2)
        AND ($3::int IS NULL OR t.property_company_id = $3) AND ($4::int IS NULL OR extract(year FROM t.patrolled_on) = $4)
        AND ($5::text IS NULL OR t.result = $5)
        AND (NOT $6 OR (t.result = 'issues_found' AND t.rectified_on IS NULL))`;
    const params = [
      filter.districtIds,
      filter.communityId ?? null,
      filter.propertyCompanyId ?? null,
      filter.year ?? null,
      filter.result ?? null,
      filter.openOnly ?? false,
    ];
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query(`${SELECT} ${where} ORDER BY t.patrolled_on DESC, t.id DESC LIMIT $7 OFFSET $8`, [
        ...params,
        filter.pageSize,
        (filter.page - 1) * filter.pageSize,
      ]),
      this.dataSource.query(
        `SELECT count(*)::int AS total FROM safety_patrol t JOIN community c ON c.id = t.community_id ${where}`,
        params,
      ),
    ]);
    return { items, total };
  }

  async view(id: number, manager: EntityManager = this.dataSource.manager): Promise<PatrolView | null> {
    const [row] = await manager.query(`${SELECT} WHERE t.id = $1`, [id]);
    return row ?? null;
  }
}
