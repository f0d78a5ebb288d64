import { GovCellKind } from '@app/excel';
import { RANK_CHANGE_FORMAT } from '../builders/ranking.export.js';
import { formatBulletinCell, renderBulletinPage } from './bulletin-print.page.js';
import { BulletinData } from './bulletin.service.js';

const HOSTILE = '</script><img src=x onerror=alert(1)>=1+1区';

function data(): BulletinData {
  return {
    month: '2026-10',
    title: '昆明市居住社区公用充电设施建设情况通报（2026年10月）',
    unit: '昆明市发展和改革委员会',
    issuedOn: '2026-11-03',
    plan: {
      id: 1,
      code: 'P',
      name: '2025年全覆盖',
      kind: 'coverage_ratio',
      startMonth: '2022-01',
      endMonth: '2025-12',
    },
    city: null,
    districts: [],
    rag: { onTrack: [], atRisk: [], offTrack: [HOSTILE], noTarget: [] },
    ranking: null,
    board: null,
    late: [],
    missing: [],
    sections: [
      { key: 'overview', title: '总体情况', summary: [`${HOSTILE} 覆盖率 85.71%`], table: null },
      {
        key: 'progress',
        title: '进度预警',
        summary: [],
        table: {
          columns: [
            { header: '区县', kind: GovCellKind.Text },
            { header: '覆盖率', kind: GovCellKind.Percent },
          ],
          rows: [[HOSTILE, '0.8571']],
          fills: [[null, 'FFFFC7CE']],
        },
      },
    ],
  };
}

describe('renderBulletinPage (issue 5 §3: prints to A4, charts flag when rendered)', () => {
  it('escapes every text and the chart data, and numbers the sections', () => {
    const html = renderBulletinPage(data(), { scriptSrc: '/api/assets/apexcharts.min.js' });
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;=1+1区');
    expect(html).toContain('<h2>一、总体情况</h2>');
    expect(html).toContain('<h2>二、进度预警</h2>');
    expect(html).toContain('<td class="num" style="background:#FFC7CE">85.71%</td>');
    expect(html).toContain('<script src="/api/assets/apexcharts.min.js"></script>');
    expect(html).toContain('data-charts-ready="false"');
    // ApexCharts' own print redraw blanked the printed pages in Chromium: it stays off.
    expect(html).toContain('print: { enabled: false }');
    // The JSON block cannot be closed early by a district name.
    const json = /<script type="application\/json" id="bulletin-data">(.*?)<\/script>/s.exec(html)![1];
    expect(json).not.toContain('<');
    expect(JSON.parse(json).rag).toEqual([0, 0, 1, 0]);
  });

  it('embeds the library when asked, so the page stands alone', () => {
    const html = renderBulletinPage(data(), { scriptSrc: '/x.js', inlineScript: 'window.ApexCharts = 1;</script>' });
    expect(html).not.toContain('src="/x.js"');
    expect(html).toContain('<script>window.ApexCharts = 1;<\\/script></script>');
  });

  it('formats cells as the workbook shows them', () => {
    const change = { header: '名次变化', kind: GovCellKind.Integer, numFmt: RANK_CHANGE_FORMAT };
    expect([2, -1, 0, null].map((v) => formatBulletinCell(change, v))).toEqual(['↑2', '↓1', '持平', '']);
    expect(formatBulletinCell({ header: 'kW', kind: GovCellKind.Decimal, scale: 3 }, '12.5')).toBe('12.500');
  });
});
