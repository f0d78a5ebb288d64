import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ComplaintKind, ComplaintStatus } from '../entities/complaint.entity.js';

export interface ComplaintView {
  id: number;
  propertyCompanyId: number;
  propertyCompanyName: string;
  communityId: number | null;
  communityName: string | null;
  districtId: number | null;
  districtName: string | null;
  kind: ComplaintKind;
  facilityUsage: string | null;
  receivedOn: string;
  description: string;
  status: ComplaintStatus;
  registeredByName: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  createdAt: Date;
}

export interface ComplaintFilter {
  /** null: every district. */
  districtIds: number[] | null;
  status?: ComplaintStatus;
  kind?: ComplaintKind;
  propertyCompanyId?: number;
  year?: number;
  page: number;
  pageSize: number;
}

const SELECT = `SELECT t.id, t.property_company_id AS "propertyCompanyId", p.name AS "propertyCompanyName",
       t.community_id AS "communityId", c.name AS "communityName", t.district_id AS "districtId", d.name AS "districtName",
       t.kind, t.facility_usage AS "facilityUsage", t.received_on::text AS "receivedOn", t.description, t.status,
       ru.display_name AS "registeredByName", du.display_name AS "decidedByName", t.decided_at AS "decidedAt",
       t.decision_note AS "decisionNote", t.created_at AS "createdAt"
  FROM complaint t JOIN property_company p ON p.id = t.property_company_id
  LEFT JOIN community c ON c.id = t.community_id LEFT JOIN district d ON d.id = t.district_id
  LEFT JOIN app_user ru ON ru.id = t.registered_by LEFT JOIN app_user du ON du.id = t.decided_by`;

/** Queries of complaints; the district scope arrives as a list of district ids. */
@Injectable()
export class ComplaintRepository {
  constructor(private readonly dataSource: DataSource) {}

  async page(filter: ComplaintFilter): Promise<{ items: ComplaintView[]; total: number }> {
    const where = `WHERE ($1::int[] IS NULL OR t.district_id = ANY($1)) AND ($2::text IS NULL OR t.status = $2)
        AND ($3::text IS NULL OR t.kind = $3) AND ($4::int IS NULL OR t.property_company_id = $4)
        AND ($5::int IS NULL OR extract(year FROM t.received_on) = $5)`;
    const params = [
      filter.districtIds,
      filter.status ?? null,
      filter.kind ?? null,
      filter.propertyCompanyId ?? null,
      filter.year ?? null,
    ];
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query(`${SELECT} ${where} ORDER BY t.received_on DESC, t.id DESC LIMIT $6 OFFSET $7`, [
        ...params,
        filter.pageSize,
        (filter.page - 1) * filter.pageSize,
      ]),
      this.dataSource.query(`SELECT count(*)::int AS total FROM complaint t ${where}`, params),
    ]);
    return { items, total };
  }

  async view(id: number, manager: EntityManager = this.dataSource.manager): Promise<ComplaintView | null> {
    const [row] = await manager.query(`${SELECT} WHERE t.id = $1`, [id]);
    return row ?? null;
  }
}
