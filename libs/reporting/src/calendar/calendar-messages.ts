import { ReportState } from '../entities/reporting.enums.js';
import { formatMonthZh, formatShanghaiDateTimeZh } from '../period/period-month.js';

/** What the calendar tells people, in Chinese. Pure, so every text is checked by a spec. */
export interface CalendarMessage {
  title: string;
  body: string;
}

/** The inbox body column holds 2,000 characters; a province has ~130 districts, so long lists are cut. */
const MAX_NAME_LIST_CHARS = 1500;

/** '五华区、盘龙区…等 130 个区县（园区）' within a length budget. */
export function districtNameList(names: readonly string[], maxChars = MAX_NAME_LIST_CHARS): string {
  const full = names.join('、');
  if (full.length <= maxChars) return full;
  const kept: string[] = [];
  let length = 0;
  for (const name of names) {
    if (length + name.length + 1 > maxChars - 20) break;
    kept.push(name);
    length += name.length + 1;
  }
  return `${kept.join('、')}等 ${names.length} 个区县（园区）`;
}

export function periodOpenedMessage(month: string, deadlineAt: Date): CalendarMessage {
  const m = formatMonthZh(month);
  return {
    title: `${m}报送已开始`,
    body: `${m}居住社区公用充电设施建设情况报送已开始，请下载本期模板，填写后于${formatShanghaiDateTimeZh(deadlineAt)}前上传。`,
  };
}

export function reminderMessage(month: string, deadlineAt: Date, state: ReportState): CalendarMessage {
  const m = formatMonthZh(month);
  const deadline = formatShanghaiDateTimeZh(deadlineAt);
  if (state === ReportState.Returned) {
    return {
      title: `报送提醒：${m}报表已退回，待重新报送`,
      body: `贵单位${m}报表已被退回，请按审核意见修改后于${deadline}前重新上传。`,
    };
  }
  return {
    title: `报送提醒：${m}报表尚未报送`,
    body: `贵单位${m}报表尚未报送，截止时间为${deadline}，请尽快填写并上传。`,
  };
}

export function overdueDistrictMessage(month: string, deadlineAt: Date): CalendarMessage {
  const m = formatMonthZh(month);
  return {
    title: `逾期通知：${m}报表未按时报送`,
    body: `截至${formatShanghaiDateTimeZh(deadlineAt)}，贵单位${m}报表仍未报送，已标记为逾期，请立即报送。`,
  };
}

export function overdueOfficeMessage(month: string, deadlineAt: Date, missing: readonly string[]): CalendarMessage {
  const m = formatMonthZh(month);
  const deadline = formatShanghaiDateTimeZh(deadlineAt);
  if (missing.length === 0) {
    return {
      title: `${m}报送已截止：全部区县均已报送`,
      body: `${m}报送已于${deadline}截止，全部区县（园区）均已按时报送。`,
    };
  }
  return {
    title: `${m}报送已截止：${missing.length} 个区县未报送`,
    body: `${m}报送已于${deadline}截止，以下 ${missing.length} 个区县（园区）未报送，已标记为逾期：${districtNameList(missing)}。`,
  };
}

export function escalationDistrictMessage(month: string, deadlineAt: Date, daysLate: number): CalendarMessage {
  const m = formatMonthZh(month);
  return {
    title: `催报：${m}报表已逾期 ${daysLate} 天`,
    body: `贵单位${m}报表已超过截止时间（${formatShanghaiDateTimeZh(deadlineAt)}）${daysLate} 天仍未报送或退回后未重新报送，请立即报送。`,
  };
}

export function escalationOfficeMessage(
  month: string,
  deadlineAt: Date,
  daysLate: number,
  late: readonly string[],
): CalendarMessage {
  const m = formatMonthZh(month);
  return {
    title: `催报：${m}仍有 ${late.length} 个区县未报送`,
    body: `${m}报送截止（${formatShanghaiDateTimeZh(deadlineAt)}）已过 ${daysLate} 天，以下 ${late.length} 个区县（园区）仍未报送或退回后未重新报送，已向其催报：${districtNameList(late)}。`,
  };
}
