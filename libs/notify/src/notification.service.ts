import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { JobQueue, QueueName } from '@app/core';
import { WebhookKind } from './entities/webhook-endpoint.entity.js';
import {
  MAX_BODY_CHARS,
  MAX_DEDUPE_KEY_CHARS,
  MAX_TITLE_CHARS,
  NotificationMessage,
  NotifyResult,
} from './notification-message.js';
import { NotificationRepository } from './notification.repository.js';
import { WebhookRepository } from './webhook.repository.js';
import { robotPayload } from './robot-message.js';
import { WEBHOOK_DELIVERY_ATTEMPTS, WebhookDeliveryPayload, webhookDeliveryJobId } from './webhook-delivery.payload.js';

/** Pending deliveries older than this are re-queued by the relay (their job was lost). */
export const DELIVERY_RELAY_AFTER_MS = 5 * 60_000;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Sends a notification: inbox rows for the recipients and one delivery per group robot, written together. Inside a
 * caller's transaction pass its manager (a rolled-back step then notifies nobody) and call dispatch() after the
 * commit; without a manager, notify() commits and dispatches itself.
 */
@Injectable()
export class NotificationService {
  private readonly logger = new Logger('NotificationService');

  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: NotificationRepository,
    private readonly webhooks: WebhookRepository,
    private readonly jobs: JobQueue,
  ) {}

  async notify(message: NotificationMessage, manager?: EntityManager): Promise<NotifyResult> {
    if (manager) return this.write(message, manager);
    const result = await this.dataSource.transaction((m) => this.write(message, m));
    await this.dispatch(result);
    return result;
  }

  /** Queues the robot deliveries of committed notifications. A queue outage leaves them pending for the relay. */
  async dispatch(...results: NotifyResult[]): Promise<void> {
    for (const deliveryId of results.flatMap((r) => r.deliveryIds)) await this.enqueue(deliveryId);
  }

  /** The outbox relay: re-queues deliveries still pending after `olderThanMs` (deterministic job ids: no doubles). */
  async relayPendingDeliveries(olderThanMs = DELIVERY_RELAY_AFTER_MS): Promise<number> {
    const ids = await this.webhooks.pendingDeliveryIds(olderThanMs);
    let queued = 0;
    for (const id of ids) if (await this.enqueue(id)) queued += 1;
    return queued;
  }

  private async write(message: NotificationMessage, manager: EntityManager): Promise<NotifyResult> {
    if (!message.dedupeKey || message.dedupeKey.length > MAX_DEDUPE_KEY_CHARS) {
      throw new Error(`dedupeKey must have 1–${MAX_DEDUPE_KEY_CHARS} characters: "${message.dedupeKey}"`);
    }
    const clipped: NotificationMessage = {
      ...message,
      title: clip(message.title, MAX_TITLE_CHARS),
      body: clip(message.body, MAX_BODY_CHARS),
    };
    const inboxCount = await this.inbox.insertForRecipients(clipped, manager);
    const text = { title: clipped.title, body: clipped.body };
    const deliveryIds = await this.webhooks.insertDeliveries(
      clipped.recipients,
      clipped.dedupeKey,
      {
        [WebhookKind.WeCom]: robotPayload(WebhookKind.WeCom, text),
        [WebhookKind.DingTalk]: robotPayload(WebhookKind.DingTalk, text),
      },
      manager,
    );
    return { inboxCount, deliveryIds };
  }

  private async enqueue(deliveryId: string): Promise<boolean> {
    try {
      await this.jobs.enqueue<WebhookDeliveryPayload>(
        QueueName.WebhookDelivery,
        { deliveryId },
        { jobId: webhookDeliveryJobId(deliveryId), attempts: WEBHOOK_DELIVERY_ATTEMPTS },
      );
      return true;
    } catch (error) {
      this.logger.warn(`机器人消息 ${deliveryId} 已记录，暂未进入队列：${(error as Error).message}`);
      return false;
    }
  }
}
