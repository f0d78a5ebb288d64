import { createHmac } from 'node:crypto';
import { WebhookKind } from './entities/webhook-endpoint.entity.js';

/** 企业微信 group robot: markdown content is limited to 4,096 bytes (UTF-8). */
export const WECOM_MARKDOWN_MAX_BYTES = 4096;
/** 钉钉 custom robot: keep the markdown text well under its 20,000-byte message limit. */
export const DINGTALK_MARKDOWN_MAX_BYTES = 18000;

export interface RobotText {
  title: string;
  body: string;
}

/** Cuts a string to at most `maxBytes` of UTF-8 without splitting a character; appends '…' when cut. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const budget = maxBytes - Buffer.byteLength('…', 'utf8');
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > budget) break;
    bytes += size;
    end += char.length;
  }
  return `${text.slice(0, end)}…`;
}

function markdown(text: RobotText): string {
  return `### ${text.title}\n\n${text.body}`;
}

/**
 * The exact JSON body a group robot receives:
 * 企业微信 {"msgtype":"markdown","markdown":{"content":…}}; 钉钉 {"msgtype":"markdown","markdown":{"title":…,"text":…}}.
 */
export function robotPayload(kind: WebhookKind, text: RobotText): Record<string, unknown> {
  if (kind === WebhookKind.WeCom) {
    return { msgtype: 'markdown', markdown: { content: truncateUtf8(markdown(text), WECOM_MARKDOWN_MAX_BYTES) } };
  }
  return {
    msgtype: 'markdown',
    markdown: { title: text.title, text: truncateUtf8(markdown(text), DINGTALK_MARKDOWN_MAX_BYTES) },
  };
}

/** 钉钉 加签: sign = base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)), both appended URL-encoded. */
export function dingTalkSignature(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

export function signDingTalkUrl(url: string, secret: string, timestampMs: number): string {
  const separator = url.includes('?') ? '&' : '?';
  const sign = encodeURIComponent(dingTalkSignature(secret, timestampMs));
  return `${url}${separator}timestamp=${timestampMs}&sign=${sign}`;
}

/** Why a robot's answer is a failure (HTTP status not 2xx, or errcode ≠ 0 in the JSON body), else null. */
export function robotResponseProblem(status: number, bodyText: string): string | null {
  if (status < 200 || status >= 300) return `HTTP ${status}：${bodyText.slice(0, 200)}`;
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return null;
  }
  const errcode = (body as { errcode?: unknown } | null)?.errcode;
  if (errcode !== undefined && errcode !== 0 && errcode !== '0') {
    const errmsg = (body as { errmsg?: unknown }).errmsg;
    return `机器人返回错误 errcode ${String(errcode)}：${typeof errmsg === 'string' ? errmsg.slice(0, 200) : ''}`;
  }
  return null;
}

/** The secret as shown to the office: never in full. */
export function secretHint(secret: string | null): string | null {
  if (!secret) return null;
  return secret.length >= 12 ? `${secret.slice(0, 3)}…${secret.slice(-4)}` : '已设置';
}
