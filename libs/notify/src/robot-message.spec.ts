import { createHmac } from 'node:crypto';
import { WebhookKind } from './entities/webhook-endpoint.entity';
import {
  dingTalkSignature,
  robotPayload,
  robotResponseProblem,
  secretHint,
  signDingTalkUrl,
  truncateUtf8,
  WECOM_MARKDOWN_MAX_BYTES,
} from './robot-message';

const text = { title: '催报：2026年11月报表已逾期 1 天', body: '贵单位2026年11月报表仍未报送，请立即报送。' };

describe('group robot messages', () => {
  it('formats 企业微信 group robot markdown', () => {
    expect(robotPayload(WebhookKind.WeCom, text)).toEqual({
      msgtype: 'markdown',
      markdown: { content: '### 催报：2026年11月报表已逾期 1 天\n\n贵单位2026年11月报表仍未报送，请立即报送。' },
    });
  });

  it('formats 钉钉 custom robot markdown with a title', () => {
    expect(robotPayload(WebhookKind.DingTalk, text)).toEqual({
      msgtype: 'markdown',
      markdown: {
        title: '催报：2026年11月报表已逾期 1 天',
        text: '### 催报：2026年11月报表已逾期 1 天\n\n贵单位2026年11月报表仍未报送，请立即报送。',
      },
    });
  });

  it('keeps 企业微信 content within 4,096 bytes without splitting a character', () => {
    const long = robotPayload(WebhookKind.WeCom, { title: '名单', body: '五华区、'.repeat(1000) }) as {
      markdown: { content: string };
    };
    expect(Buffer.byteLength(long.markdown.content, 'utf8')).toBeLessThanOrEqual(WECOM_MARKDOWN_MAX_BYTES);
    expect(long.markdown.content.endsWith('…')).toBe(true);
    expect(truncateUtf8('短', 10)).toBe('短');
  });

  it('signs 钉钉 URLs: base64(HMAC-SHA256(secret, timestamp + "\\n" + secret)), URL-encoded', () => {
    const secret = 'SEC0123456789abcdef';
    const timestamp = 1795500000000;
    const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
    expect(dingTalkSignature(secret, timestamp)).toBe(expected);
    const url = signDingTalkUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', secret, timestamp);
    expect(url).toBe(
      `https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=${timestamp}&sign=${encodeURIComponent(expected)}`,
    );
    expect(new URL(url).searchParams.get('sign')).toBe(expected);
  });

  it('treats HTTP errors and errcode ≠ 0 as failures', () => {
    expect(robotResponseProblem(200, '{"errcode":0,"errmsg":"ok"}')).toBeNull();
    expect(robotResponseProblem(200, '{"errcode":310000,"errmsg":"sign not match"}')).toBe(
      '机器人返回错误 errcode 310000：sign not match',
    );
    expect(robotResponseProblem(502, 'Bad Gateway')).toBe('HTTP 502：Bad Gateway');
    expect(robotResponseProblem(204, '')).toBeNull();
  });

  it('never shows a secret in full', () => {
    expect(secretHint('SEC0123456789abcdef')).toBe('SEC…cdef');
    expect(secretHint('short')).toBe('已设置');
    expect(secretHint(null)).toBeNull();
  });
});
