import { shanghaiInstant } from '@app/core';
import { ReportState } from '../entities/reporting.enums';
import {
  districtNameList,
  escalationDistrictMessage,
  escalationOfficeMessage,
  overdueDistrictMessage,
  overdueOfficeMessage,
  periodOpenedMessage,
  reminderMessage,
} from './calendar-messages';

const deadline = shanghaiInstant('2026-11-25', '23:59:59');

describe('calendar messages', () => {
  it('opens the window with the deadline in Beijing time', () => {
    expect(periodOpenedMessage('2026-11', deadline)).toEqual({
      title: '2026年11月报送已开始',
      body: '2026年11月居住社区公用充电设施建设情况报送已开始，请下载本期模板，填写后于2026年11月25日 23:59前上传。',
    });
  });

  it('reminds a district that has not submitted, and one whose report was returned, differently', () => {
    expect(reminderMessage('2026-11', deadline, ReportState.NotSubmitted).title).toBe(
      '报送提醒：2026年11月报表尚未报送',
    );
    expect(reminderMessage('2026-11', deadline, ReportState.Returned)).toEqual({
      title: '报送提醒：2026年11月报表已退回，待重新报送',
      body: '贵单位2026年11月报表已被退回，请按审核意见修改后于2026年11月25日 23:59前重新上传。',
    });
  });

  it('tells the office which districts are missing at the deadline, or that none is', () => {
    expect(overdueOfficeMessage('2026-11', deadline, ['五华区', '盘龙区'])).toEqual({
      title: '2026年11月报送已截止：2 个区县未报送',
      body: '2026年11月报送已于2026年11月25日 23:59截止，以下 2 个区县（园区）未报送，已标记为逾期：五华区、盘龙区。',
    });
    expect(overdueOfficeMessage('2026-11', deadline, []).title).toBe('2026年11月报送已截止：全部区县均已报送');
    expect(overdueDistrictMessage('2026-11', deadline).title).toBe('逾期通知：2026年11月报表未按时报送');
  });

  it('escalates (催报) with the days since the deadline', () => {
    expect(escalationDistrictMessage('2026-11', deadline, 8).title).toBe('催报：2026年11月报表已逾期 8 天');
    expect(escalationOfficeMessage('2026-11', deadline, 1, ['东川区']).body).toBe(
      '2026年11月报送截止（2026年11月25日 23:59）已过 1 天，以下 1 个区县（园区）仍未报送或退回后未重新报送，已向其催报：东川区。',
    );
  });

  it('cuts a province-sized list of names to fit the inbox', () => {
    const names = Array.from({ length: 300 }, (_, i) => `第${i + 1}开发区管委会`);
    const list = districtNameList(names);
    expect(list.length).toBeLessThanOrEqual(1500);
    expect(list.endsWith('等 300 个区县（园区）')).toBe(true);
    expect(overdueOfficeMessage('2026-11', deadline, names).body.length).toBeLessThanOrEqual(2000);
  });
});
