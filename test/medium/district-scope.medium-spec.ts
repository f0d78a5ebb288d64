import { Test, TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import {
  AppError,
  AuthenticatedUser,
  ClockModule,
  JobQueue,
  JobsModule,
  parseAppConfig,
  QueueName,
  shanghaiMonth,
} from '@app/core';
import { AuthModule } from '@app/auth';
import { DatabaseModule } from '@app/database';
import { seedDemo } from '@app/demo';
import { Community, CommunityEligibility, District, Facility, OrgRepository } from '@app/org';
import {
  ReportQueryRepository,
  ReportQueryService,
  ReportTemplateService,
  ReportUploadService,
  ReportingModule,
} from '@app/reporting';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const MONTH = shanghaiMonth(new Date());
jest.setTimeout(120_000);

/**
 * Issue 6 §1: the district scope is enforced in the queries themselves. The repositories are called here with a
 * district user's scope and another district's ids, below any service check: they must return nothing. The services
 * over them still answer 403 for another district's objects and 404 for objects that do not exist.
 */
describe('the district scope in the queries', () => {
  let db: TestDatabase;
  let moduleRef: TestingModule;
  let reports: ReportQueryRepository;
  let org: OrgRepository;
  let wuhua: AuthenticatedUser;
  let panlong: AuthenticatedUser;
  let panlongUpload: { uploadId: string; versionId: number };
  let panlongCommunityId: number;

  const user = async (ds: DataSource, username: string): Promise<AuthenticatedUser> =>
    (
      await ds.query(
        `SELECT id, username, display_name AS "displayName", role, district_id AS "districtId" FROM app_user WHERE username = $1`,
        [username],
      )
    )[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.dataSource, { asOf: `${MONTH}-01` });
    const config = parseAppConfig({ DATABASE_URL: db.url, JWT_SECRET: 'scope-test-secret-0123456789-abcdefghijklmn' });
    moduleRef = await Test.createTestingModule({
      imports: [
        DatabaseModule.forConnection({ dataSource: db.dataSource, freshEmbedded: false, close: async () => undefined }),
        JobsModule.forRoot({ prefix: 'unused' }),
        ClockModule,
        AuthModule.forRoot(config),
        ReportingModule,
      ],
    }).compile();
    await moduleRef.init();
    reports = moduleRef.get(ReportQueryRepository);
    org = new OrgRepository(
      db.dataSource.getRepository(District),
      db.dataSource.getRepository(Community),
      db.dataSource.getRepository(CommunityEligibility),
      db.dataSource.getRepository(Facility),
    );
    wuhua = await user(db.dataSource, 'wuhua');
    panlong = await user(db.dataSource, 'panlong');
    // 盘龙区 reports through the real path, so there is another district's upload and version to reach for.
    const template = await moduleRef.get(ReportTemplateService).build(panlong, panlong.districtId!, MONTH);
    const receipt = await moduleRef
      .get(ReportUploadService)
      .receive(panlong, panlong.districtId!, MONTH, { originalName: 'p.xlsx', bytes: template.content });
    const result = await moduleRef
      .get(JobQueue)
      .waitFor<{ versionId: number }>(QueueName.ReportIngest, receipt.jobId, 60_000);
    panlongUpload = { uploadId: receipt.uploadId, versionId: result.versionId };
    [{ id: panlongCommunityId }] = await db.dataSource.query(
      `SELECT id FROM community WHERE district_id = $1 ORDER BY id LIMIT 1`,
      [panlong.districtId],
    );
  });

  afterAll(async () => {
    await moduleRef?.close();
    await db?.drop();
  });

  it('returns nothing of another district from the report, upload and version queries', async () => {
    const own = [wuhua.districtId!];
    expect(await reports.findUpload(panlongUpload.uploadId, own)).toBeNull();
    expect(await reports.findVersionFile(panlongUpload.versionId, own)).toBeNull();
    expect(await reports.findReport(MONTH, panlong.districtId!, own)).toBeNull();
    // The same rows for their own district and for the city-wide readers (scope null).
    for (const scope of [[panlong.districtId!], null]) {
      expect(await reports.findUpload(panlongUpload.uploadId, scope)).toMatchObject({ status: 'accepted' });
      expect((await reports.findVersionFile(panlongUpload.versionId, scope))?.content.length).toBeGreaterThan(1000);
      expect(await reports.findReport(MONTH, panlong.districtId!, scope)).toMatchObject({
        districtId: panlong.districtId,
      });
    }
  });

  it('returns nothing of another district from the community query', async () => {
    expect(await org.findCommunity(panlongCommunityId, [wuhua.districtId!])).toBeNull();
    expect(await org.findCommunity(panlongCommunityId, null)).toMatchObject({ districtId: panlong.districtId });
    const page = await org.pageCommunities({ districtIds: [wuhua.districtId!], page: 1, pageSize: 5000 });
    expect(page.items.every((c) => c.districtId === wuhua.districtId)).toBe(true);
  });

  it('answers another district’s objects with 403 and missing ones with 404, through the services', async () => {
    const queries = moduleRef.get(ReportQueryService);
    const refused = (promise: Promise<unknown>) =>
      promise.then(
        () => 'allowed',
        (error: AppError) => `${error.kind}: ${error.message}`,
      );
    expect(await refused(queries.upload(wuhua, panlongUpload.uploadId))).toBe('forbidden: 无权访问其他区县的数据');
    expect(await refused(queries.versionFile(wuhua, panlongUpload.versionId))).toBe(
      'forbidden: 无权访问其他区县的数据',
    );
    expect(await refused(queries.upload(wuhua, '00000000-0000-4000-8000-000000000000'))).toBe(
      'not_found: 上传记录不存在',
    );
    expect(await refused(queries.versionFile(wuhua, 999999))).toBe('not_found: 报表版本不存在');
    expect(await refused(queries.upload(panlong, panlongUpload.uploadId))).toBe('allowed');
    const uploads = Number((await db.dataSource.query(`SELECT count(*) FROM report_upload`))[0].count);
    expect(
      await refused(
        moduleRef
          .get(ReportUploadService)
          .receive(wuhua, panlong.districtId!, MONTH, { originalName: 'x.xlsx', bytes: Buffer.from('x') }),
      ),
    ).toBe('forbidden: 无权访问其他区县的数据');
    expect(Number((await db.dataSource.query(`SELECT count(*) FROM report_upload`))[0].count)).toBe(uploads);
  });
});
