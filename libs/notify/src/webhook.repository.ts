import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DeliveryStatus, WebhookDelivery } from './entities/webhook-delivery.entity.js';
import { WebhookEndpoint, WebhookKind } from './entities/webhook-endpoint.entity.js';
import { NotificationRecipients, RecipientScope } from './notification-message.js';

export interface NewWebhookEndpoint {
  name: string;
  kind: WebhookKind;
  url: string;
  secret: string | null;
  districtId: number | null;
  enabled: boolean;
}

export interface DeliveryAttempt {
  status: DeliveryStatus;
  lastError: string | null;
  sentAt: Date | null;
}

/** Group-robot endpoints and their deliveries. Queries only (STYLE habit 2). */
@Injectable()
export class WebhookRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records one delivery per enabled robot of the recipients (a district's robots, or the office's own), with the
   * payload in that robot's format; a robot that already has this dedupe key is skipped. Returns the new ids.
   */
  async insertDeliveries(
    recipients: NotificationRecipients,
    dedupeKey: string,
    payloads: Record<WebhookKind, Record<string, unknown>>,
    manager: EntityManager,
  ): Promise<string[]> {
    let condition: string;
    const params: unknown[] = [
      dedupeKey,
      JSON.stringify(payloads[WebhookKind.WeCom]),
      JSON.stringify(payloads[WebhookKind.DingTalk]),
    ];
    if (recipients.scope === RecipientScope.Districts) {
      condition = 'e.district_id = ANY($4::int[])';
      params.push([...recipients.districtIds]);
    } else if (recipients.scope === RecipientScope.Office) {
      condition = 'e.district_id IS NULL';
    } else {
      return [];
    }
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO webhook_delivery (endpoint_id, dedupe_key, payload)
       SELECT e.id, $1, CASE e.kind WHEN '${WebhookKind.WeCom}' THEN $2::jsonb ELSE $3::jsonb END
         FROM webhook_endpoint e
        WHERE e.enabled AND ${condition}
        ORDER BY e.id
       ON CONFLICT ON CONSTRAINT "UQ_webhook_delivery_dedupe" DO NOTHING
       RETURNING id`,
      params,
    );
    return rows.map((r) => String(r.id));
  }

  findDelivery(id: string): Promise<WebhookDelivery | null> {
    return this.dataSource.getRepository(WebhookDelivery).findOne({ where: { id }, relations: { endpoint: true } });
  }

  /** Counts the attempt and records its result; a delivery already settled is left alone. */
  async recordAttempt(id: string, attempt: DeliveryAttempt): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_delivery
          SET attempts = attempts + 1, status = $2, last_error = $3, sent_at = $4
        WHERE id = $1 AND status = $5`,
      [id, attempt.status, attempt.lastError?.slice(0, 500) ?? null, attempt.sentAt, DeliveryStatus.Pending],
    );
  }

  /** Deliveries still pending after `olderThanMs`: queued jobs that were lost (the process died before enqueueing). */
  async pendingDeliveryIds(olderThanMs: number, limit = 500): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM webhook_delivery
        WHERE status = $1 AND created_at < now() - make_interval(secs => $2)
        ORDER BY created_at, id LIMIT $3`,
      [DeliveryStatus.Pending, olderThanMs / 1000, limit],
    );
    return rows.map((r) => String(r.id));
  }

  listEndpoints(): Promise<WebhookEndpoint[]> {
    return this.dataSource
      .getRepository(WebhookEndpoint)
      .find({ relations: { district: true }, order: { districtId: { direction: 'ASC', nulls: 'FIRST' }, id: 'ASC' } });
  }

  findEndpoint(id: number, manager: EntityManager = this.dataSource.manager): Promise<WebhookEndpoint | null> {
    return manager.getRepository(WebhookEndpoint).findOne({ where: { id }, relations: { district: true } });
  }

  async insertEndpoint(endpoint: NewWebhookEndpoint, manager: EntityManager): Promise<number> {
    const saved = await manager
      .getRepository(WebhookEndpoint)
      .save(manager.getRepository(WebhookEndpoint).create(endpoint));
    return saved.id;
  }

  async updateEndpoint(id: number, changes: Partial<NewWebhookEndpoint>, manager: EntityManager): Promise<void> {
    await manager.getRepository(WebhookEndpoint).update({ id }, changes);
  }

  async districtExists(districtId: number, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM district WHERE id = $1`, [districtId]);
    return rows.length > 0;
  }
}
