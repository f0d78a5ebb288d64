import { SubsidyRule, SubsidyRoundStatus } from '@app/subsidy';
import {
  kwMilliText,
  subsidyListRules,
  subsidyListTitle,
  subsidyTotalsRow,
  SubsidyListRow,
} from './subsidy-list.export.js';

describe('subsidy list formatting (amounts from integer fen, no float on the way)', () => {
  it('writes kW from thousandths', () => {
    expect([0, 7035, 120000, 1].map(kwMilliText)).toEqual(['0.000', '7.035', '120.000', '0.001']);
  });

  it('takes the totals row amount from the round, the piles and kW from the lines', () => {
    const line = (amountFen: number, acPiles: number, kwMilli: number) =>
      ({ amountFen, acPiles, dcPiles: 1, kwMilli, capacityFen: amountFen, pileFen: 0 }) as SubsidyListRow;
    const totals = subsidyTotalsRow([line(105525, 2, 7035), line(1, 3, 1)], 105526);
    expect(totals).toMatchObject({ amountFen: 105526, acPiles: 5, dcPiles: 2, kwMilli: 7036, capacityFen: 105526 });
    expect(totals.results.size).toBe(0);
  });

  it('lists the core rules, and Ezhou’s 三个5 only for a round computed with them', () => {
    expect(subsidyListRules(false)).not.toContain(SubsidyRule.EzhouQueueTime);
    expect(subsidyListRules(true).slice(-3)).toEqual([
      SubsidyRule.EzhouPileDistance,
      SubsidyRule.EzhouServiceFee,
      SubsidyRule.EzhouQueueTime,
    ]);
  });

  it('says in the title whether the round is confirmed', () => {
    expect(subsidyListTitle('昆明市', { name: '第一批', status: SubsidyRoundStatus.Draft })).toBe(
      '昆明市居住社区公用充电设施补贴清单：第一批（草稿，未确认）',
    );
    expect(subsidyListTitle('昆明市', { name: '第一批', status: SubsidyRoundStatus.Confirmed })).toBe(
      '昆明市居住社区公用充电设施补贴清单：第一批（已确认）',
    );
  });
});
