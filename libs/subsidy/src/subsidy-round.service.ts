import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { AppError, AuthenticatedUser, Role } from '@app/core';
import { AuditService } from '@app/auth';
import { formatFen } from './subsidy-amount.js';
import { SubsidyInputError } from './subsidy-input.error.js';
import { buildDraftRound, confirmRound, DraftSubsidyRound, SubsidyRoundStatus } from './subsidy-round.js';
import { subsidySettingsView, SubsidySettingsView } from './subsidy-settings.js';
import { StoredLineRow, StoredRoundRow, SubsidyRepository } from './subsidy.repository.js';
import { labelled, subsidyRulesText, SubsidyService, toCandidate, SUBSIDY_MESSAGES } from './subsidy.service.js';

export const ROUND_STATUS_LABELS_ZH: Readonly<Record<SubsidyRoundStatus, string>> = {
  [SubsidyRoundStatus.Draft]: '草稿',
  [SubsidyRoundStatus.Confirmed]: '已确认',
};

export const ROUND_MESSAGES = {
  notFound: '补贴批次不存在',
  nameTaken: (name: string) => `批次名称「${name}」已存在，请换一个名称`,
  badName: '批次名称须为 1 至 100 个字',
  unknownDistrict: (id: number) => `区县 ${id} 不存在`,
  alreadyConfirmed: (name: string) => `批次「${name}」已确认，不可再确认、修改或删除`,
  clash: (items: string[]) => `以下设施已列入已确认批次，不得重复补贴：${items.join('、')}`,
} as const;

export interface RoundSummary {
  id: number;
  name: string;
  status: SubsidyRoundStatus;
  statusLabel: string;
  rate: SubsidySettingsView;
  rulesText: string;
  districtIds: number[] | null;
  platformImportId: number | null;
  /** For a district user: its own district's lines only. */
  lineCount: number;
  totalFen: number;
  totalText: string;
  scope: string;
  createdAt: Date;
  createdByName: string | null;
  confirmedAt: Date | null;
  confirmedByName: string | null;
}

export interface RoundView extends RoundSummary {
  districts: { districtId: number; districtName: string; lineCount: number; totalFen: number; totalText: string }[];
  lines: (Omit<StoredLineRow, 'breakdown'> & {
    amountText: string;
    explanation: string[];
    breakdown: Record<string, unknown>;
  })[];
}

const UNIQUE_CONFIRMED = 'UQ_subsidy_round_line_confirmed_facility';

/**
 * Subsidy rounds (批次, issue 4 §5): a draft from the currently eligible facilities, reviewed, confirmed by the
 * office, then frozen. A facility is never in two confirmed rounds: checked here for a clear message, and enforced
 * by the database (a partial unique index) for the race between two confirmations. Drafts are the office's; leaders
 * and districts see confirmed rounds, a district only its own lines.
 */
@Injectable()
export class SubsidyRoundService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: SubsidyRepository,
    private readonly subsidy: SubsidyService,
    private readonly audit: AuditService,
  ) {}

  async createDraft(user: AuthenticatedUser, input: { name: string; districtIds?: number[] }): Promise<RoundView> {
    const name = (input.name ?? '').trim();
    if (name.length === 0 || [...name].length > 100) throw AppError.validation(ROUND_MESSAGES.badName);
    const districtIds = input.districtIds?.length ? [...new Set(input.districtIds)].sort((a, b) => a - b) : null;
    const id = await this.dataSource.transaction(async (manager) => {
      const settings = await this.subsidy.settings(manager);
      if (!settings) throw AppError.validation(SUBSIDY_MESSAGES.noSettings);
      if (await this.repository.roundNameTaken(manager, name)) throw AppError.conflict(ROUND_MESSAGES.nameTaken(name));
      const known = await this.repository.districtIds(manager);
      const unknown = districtIds?.find((d) => !known.has(d));
      if (unknown !== undefined) throw AppError.validation(ROUND_MESSAGES.unknownDistrict(unknown));

      const rows = await this.repository.candidates(districtIds, manager);
      const byId = new Map(rows.map((row) => [String(row.facilityId), row]));
      const draft = pure(() =>
        buildDraftRound(
          rows.map(toCandidate),
          [],
          { ezhouServiceStandard: settings.ezhouServiceStandard },
          settings.rate,
          name,
        ),
      );
      const roundId = await this.repository.insertRound(manager, {
        name,
        rate: draft.rate,
        ezhouServiceStandard: settings.ezhouServiceStandard,
        rulesText: subsidyRulesText(settings),
        districtIds,
        platformImportId: await this.repository.latestPlatformImportId(manager),
        totalFen: draft.totalFen,
        lineCount: draft.lines.length,
        createdBy: user.id,
      });
      await this.repository.insertLines(
        manager,
        roundId,
        draft.lines.map((line) => {
          const row = byId.get(line.facilityId)!;
          return {
            facilityId: row.facilityId,
            districtId: row.districtId,
            amountFen: line.amountFen,
            breakdown: line.breakdown,
            ruleResults: labelled(line.ruleResults),
            platformRecordId: row.platformRecordId,
          };
        }),
      );
      await this.audit.record(
        user,
        {
          action: 'subsidy.round.draft',
          entityType: 'subsidy_round',
          entityId: roundId,
          after: {
            name,
            districtIds,
            lines: draft.lines.length,
            ineligible: draft.ineligible.length,
            totalFen: draft.totalFen,
            rate: { ...draft.rate },
          },
        },
        manager,
      );
      return roundId;
    });
    return this.view(user, id);
  }

  async confirm(user: AuthenticatedUser, id: number): Promise<RoundView> {
    try {
      await this.dataSource.transaction(async (manager) => {
        // Confirmations run one at a time, so the second of two sees the first's lines and says which clash.
        await this.repository.lockConfirmations(manager);
        const round = await this.repository.lockRound(manager, id);
        if (!round) throw AppError.notFound(ROUND_MESSAGES.notFound);
        if (round.status === SubsidyRoundStatus.Confirmed)
          throw AppError.conflict(ROUND_MESSAGES.alreadyConfirmed(round.name));
        const lines = await this.repository.lines(id, null, manager);
        const paid = await this.repository.confirmedPayments(
          manager,
          lines.map((l) => l.facilityId),
        );
        if (paid.length > 0) {
          const code = new Map(lines.map((l) => [l.facilityId, l.facilityCode]));
          throw AppError.conflict(
            ROUND_MESSAGES.clash(paid.map((p) => `${code.get(p.facilityId)}（已列入「${p.roundName}」）`)),
          );
        }
        // The pure checks (no facility twice, amounts whole non-negative fen, total = Σ lines) before the write.
        pure(() => confirmRound(asDraft(round, lines), []), AppError.conflict);
        await this.repository.confirm(manager, id, user.id);
        await this.audit.record(
          user,
          {
            action: 'subsidy.round.confirm',
            entityType: 'subsidy_round',
            entityId: id,
            before: { status: round.status },
            after: { status: SubsidyRoundStatus.Confirmed, lines: lines.length, totalFen: round.totalFen },
          },
          manager,
        );
      });
    } catch (error) {
      // Another confirmation committed a shared facility while this one waited on the unique index.
      if (error instanceof QueryFailedError && (error as { constraint?: string }).constraint === UNIQUE_CONFIRMED) {
        throw AppError.conflict(await this.clashMessage(id));
      }
      throw error;
    }
    return this.view(user, id);
  }

  async discard(user: AuthenticatedUser, id: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const round = await this.repository.lockRound(manager, id);
      if (!round) throw AppError.notFound(ROUND_MESSAGES.notFound);
      if (round.status === SubsidyRoundStatus.Confirmed)
        throw AppError.conflict(ROUND_MESSAGES.alreadyConfirmed(round.name));
      await this.repository.deleteDraft(manager, id);
      await this.audit.record(
        user,
        {
          action: 'subsidy.round.discard',
          entityType: 'subsidy_round',
          entityId: id,
          before: { name: round.name, status: round.status, lines: round.lineCount, totalFen: round.totalFen },
        },
        manager,
      );
    });
  }

  async list(user: AuthenticatedUser): Promise<RoundSummary[]> {
    const rounds = await this.repository.rounds(user.role !== Role.Office);
    if (user.role !== Role.District) return rounds.map((r) => summary(r, null));
    const own = user.districtId as number;
    const totals = new Map(
      (
        await this.repository.districtTotals(
          rounds.map((r) => r.id),
          own,
        )
      ).map((t) => [t.roundId, t]),
    );
    return rounds.map((r) => summary(r, totals.get(r.id) ?? { lineCount: 0, totalFen: 0 }));
  }

  async view(user: AuthenticatedUser, id: number): Promise<RoundView> {
    const round = await this.repository.round(id);
    if (!round || (round.status !== SubsidyRoundStatus.Confirmed && user.role !== Role.Office)) {
      throw AppError.notFound(ROUND_MESSAGES.notFound);
    }
    const scope = user.role === Role.District ? [user.districtId as number] : null;
    const lines = await this.repository.lines(id, scope);
    const districts = new Map<number, RoundView['districts'][number]>();
    for (const line of lines) {
      const entry = districts.get(line.districtId) ?? {
        districtId: line.districtId,
        districtName: line.districtName,
        lineCount: 0,
        totalFen: 0,
        totalText: '',
      };
      entry.lineCount += 1;
      entry.totalFen += line.amountFen;
      districts.set(line.districtId, entry);
    }
    const scoped = scope ? { lineCount: lines.length, totalFen: lines.reduce((s, l) => s + l.amountFen, 0) } : null;
    return {
      ...summary(round, scoped),
      districts: [...districts.values()].map((d) => ({ ...d, totalText: formatFen(d.totalFen) })),
      lines: lines.map(({ breakdown, ...line }) => ({
        ...line,
        breakdown,
        amountText: formatFen(line.amountFen),
        explanation: breakdown.explanationZh ?? [],
      })),
    };
  }

  private async clashMessage(id: number): Promise<string> {
    const manager = this.dataSource.manager;
    const lines = await this.repository.lines(id, null, manager);
    const code = new Map(lines.map((l) => [l.facilityId, l.facilityCode]));
    const paid = await this.repository.confirmedPayments(
      manager,
      lines.map((l) => l.facilityId),
    );
    return ROUND_MESSAGES.clash(paid.map((p) => `${code.get(p.facilityId)}（已列入「${p.roundName}」）`));
  }
}

function pure<T>(compute: () => T, as: (message: string) => AppError = AppError.validation): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof SubsidyInputError) throw as(error.message);
    throw error;
  }
}

/** A stored draft as the pure round, for confirmRound's checks. */
function asDraft(round: StoredRoundRow, lines: StoredLineRow[]): DraftSubsidyRound {
  return {
    status: SubsidyRoundStatus.Draft,
    name: round.name,
    rate: round.rate,
    ruleSetOptions: { ezhouServiceStandard: round.ezhouServiceStandard },
    lines: lines.map((line) => ({
      facilityId: String(line.facilityId),
      amountFen: line.amountFen,
      breakdown: line.breakdown as never,
      ruleResults: [],
    })),
    ineligible: [],
    totalFen: round.totalFen,
  };
}

function summary(round: StoredRoundRow, scoped: { lineCount: number; totalFen: number } | null): RoundSummary {
  const lineCount = scoped?.lineCount ?? round.lineCount;
  const totalFen = scoped?.totalFen ?? round.totalFen;
  return {
    id: round.id,
    name: round.name,
    status: round.status,
    statusLabel: ROUND_STATUS_LABELS_ZH[round.status],
    rate: subsidySettingsView({ rate: round.rate, ezhouServiceStandard: round.ezhouServiceStandard }),
    rulesText: round.rulesText,
    districtIds: round.districtIds,
    platformImportId: round.platformImportId,
    lineCount,
    totalFen,
    totalText: formatFen(totalFen),
    scope: scoped ? '本区县' : round.districtIds ? '指定区县' : '全市',
    createdAt: round.createdAt,
    createdByName: round.createdByName,
    confirmedAt: round.confirmedAt,
    confirmedByName: round.confirmedByName,
  };
}
