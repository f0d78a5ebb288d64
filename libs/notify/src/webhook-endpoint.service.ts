import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppError, AuthenticatedUser } from '@app/core';
import { AuditService } from '@app/auth';
import { WebhookEndpoint, WebhookKind } from './entities/webhook-endpoint.entity.js';
import { NewWebhookEndpoint, WebhookRepository } from './webhook.repository.js';
import { secretHint } from './robot-message.js';

export interface WebhookEndpointInput {
  name: string;
  kind: WebhookKind;
  url: string;
  /** 钉钉 加签 secret; null clears it. */
  secret?: string | null;
  /** null: the office's own group. */
  districtId?: number | null;
  enabled?: boolean;
}

export type WebhookEndpointChanges = Partial<WebhookEndpointInput>;

/** An endpoint as the office sees it: the secret is never returned, only whether one is set and a hint. */
export interface WebhookEndpointView {
  id: number;
  name: string;
  kind: WebhookKind;
  url: string;
  districtId: number | null;
  districtName: string | null;
  enabled: boolean;
  hasSecret: boolean;
  secretHint: string | null;
  createdAt: Date;
}

export function toEndpointView(endpoint: WebhookEndpoint): WebhookEndpointView {
  return {
    id: endpoint.id,
    name: endpoint.name,
    kind: endpoint.kind,
    url: endpoint.url,
    districtId: endpoint.districtId,
    districtName: endpoint.district?.name ?? null,
    enabled: endpoint.enabled,
    hasSecret: Boolean(endpoint.secret),
    secretHint: secretHint(endpoint.secret),
    createdAt: endpoint.createdAt,
  };
}

/** What the audit trail keeps of an endpoint: never the secret, nor the URL's access token. */
function auditView(endpoint: NewWebhookEndpoint): Record<string, unknown> {
  return {
    name: endpoint.name,
    kind: endpoint.kind,
    url: endpoint.url.replace(/([?&](?:key|access_token)=)[^&]*/gi, '$1***'),
    districtId: endpoint.districtId,
    enabled: endpoint.enabled,
    hasSecret: Boolean(endpoint.secret),
  };
}

function endpointFields(endpoint: WebhookEndpoint): NewWebhookEndpoint {
  const { name, kind, url, secret, districtId, enabled } = endpoint;
  return { name, kind, url, secret, districtId, enabled };
}

/** The office's group robots (企业微信 / 钉钉): every change audited. */
@Injectable()
export class WebhookEndpointService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly webhooks: WebhookRepository,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<WebhookEndpointView[]> {
    return (await this.webhooks.listEndpoints()).map(toEndpointView);
  }

  async create(user: AuthenticatedUser, input: WebhookEndpointInput): Promise<WebhookEndpointView> {
    return this.dataSource.transaction(async (manager) => {
      const endpoint = await this.validated(
        {
          name: input.name,
          kind: input.kind,
          url: input.url,
          secret: input.secret ?? null,
          districtId: input.districtId ?? null,
          enabled: input.enabled ?? true,
        },
        manager,
      );
      const id = await this.webhooks.insertEndpoint(endpoint, manager);
      await this.audit.record(
        user,
        { action: 'webhook.create', entityType: 'webhook_endpoint', entityId: id, after: auditView(endpoint) },
        manager,
      );
      return toEndpointView((await this.webhooks.findEndpoint(id, manager)) as WebhookEndpoint);
    });
  }

  async update(user: AuthenticatedUser, id: number, changes: WebhookEndpointChanges): Promise<WebhookEndpointView> {
    return this.dataSource.transaction(async (manager) => {
      const existing = await this.webhooks.findEndpoint(id, manager);
      if (!existing) throw AppError.notFound('机器人不存在');
      const before = endpointFields(existing);
      const merged: NewWebhookEndpoint = { ...before };
      for (const key of Object.keys(changes) as (keyof WebhookEndpointChanges)[]) {
        if (changes[key] !== undefined) Object.assign(merged, { [key]: changes[key] });
      }
      // A robot changed to 企业微信 cannot keep a 钉钉 secret.
      if (changes.kind === WebhookKind.WeCom && changes.secret === undefined) merged.secret = null;
      const after = await this.validated(merged, manager);
      await this.webhooks.updateEndpoint(id, after, manager);
      await this.audit.record(
        user,
        {
          action: 'webhook.update',
          entityType: 'webhook_endpoint',
          entityId: id,
          districtId: after.districtId,
          before: auditView(before),
          after: { ...auditView(after), secretChanged: before.secret !== after.secret },
        },
        manager,
      );
      return toEndpointView((await this.webhooks.findEndpoint(id, manager)) as WebhookEndpoint);
    });
  }

  /** Stops sending to a robot; kept (its deliveries refer to it) and can be enabled again by an update. */
  disable(user: AuthenticatedUser, id: number): Promise<WebhookEndpointView> {
    return this.update(user, id, { enabled: false });
  }

  private async validated(endpoint: NewWebhookEndpoint, manager: EntityManager): Promise<NewWebhookEndpoint> {
    const problems: { field: string; messages: string[] }[] = [];
    const name = endpoint.name?.trim() ?? '';
    if (name.length === 0 || name.length > 60) problems.push({ field: 'name', messages: ['名称须为 1 至 60 个字符'] });
    if (!Object.values(WebhookKind).includes(endpoint.kind)) {
      problems.push({ field: 'kind', messages: ['机器人类型须为 wecom（企业微信）或 dingtalk（钉钉）'] });
    }
    const url = endpoint.url?.trim() ?? '';
    if (!isRobotUrl(url)) {
      problems.push({ field: 'url', messages: ['地址须为完整的 http(s) 网址，且不超过 500 个字符'] });
    }
    const secret = endpoint.secret?.trim() || null;
    if (secret && endpoint.kind !== WebhookKind.DingTalk) {
      problems.push({ field: 'secret', messages: ['只有钉钉机器人支持加签密钥'] });
    } else if (secret && secret.length > 200) {
      problems.push({ field: 'secret', messages: ['加签密钥不能超过 200 个字符'] });
    }
    if (endpoint.districtId !== null && !(await this.webhooks.districtExists(endpoint.districtId, manager))) {
      problems.push({ field: 'districtId', messages: ['区县不存在'] });
    }
    if (problems.length > 0) throw AppError.validation('机器人设置不正确', problems);
    return { ...endpoint, name, url, secret };
  }
}

function isRobotUrl(value: string): boolean {
  if (value.length === 0 || value.length > 500) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}
