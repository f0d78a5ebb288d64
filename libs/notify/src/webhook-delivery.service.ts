import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@app/core';
import { DeliveryStatus } from './entities/webhook-delivery.entity.js';
import { WebhookKind } from './entities/webhook-endpoint.entity.js';
import { WebhookRepository } from './webhook.repository.js';
import { signDingTalkUrl } from './robot-message.js';
import { postToRobot, RobotDeliveryError } from './robot-client.js';

export interface DeliveryOutcome {
  deliveryId: string;
  status: DeliveryStatus;
}

/** Sends one recorded delivery to its robot and records the attempt. */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger('WebhookDeliveryService');

  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Posts the stored payload (钉钉 with 加签 when the robot has a secret). On failure records the reason and throws so
   * the queue retries; on the last attempt the delivery becomes failed. A settled delivery is not sent again.
   */
  async deliver(deliveryId: string, lastAttempt: boolean): Promise<DeliveryOutcome> {
    const delivery = await this.webhooks.findDelivery(deliveryId);
    if (!delivery) {
      this.logger.warn(`机器人消息 ${deliveryId} 不存在，已忽略`);
      return { deliveryId, status: DeliveryStatus.Failed };
    }
    if (delivery.status !== DeliveryStatus.Pending) return { deliveryId, status: delivery.status };
    const endpoint = delivery.endpoint;
    if (!endpoint || !endpoint.enabled) {
      await this.webhooks.recordAttempt(deliveryId, {
        status: DeliveryStatus.Failed,
        lastError: '机器人已停用，消息未发送',
        sentAt: null,
      });
      return { deliveryId, status: DeliveryStatus.Failed };
    }
    const url =
      endpoint.kind === WebhookKind.DingTalk && endpoint.secret
        ? signDingTalkUrl(endpoint.url, endpoint.secret, this.clock.now().getTime())
        : endpoint.url;
    try {
      await postToRobot(url, delivery.payload);
    } catch (error) {
      const reason = error instanceof RobotDeliveryError ? error.message : `发送失败：${(error as Error).message}`;
      await this.webhooks.recordAttempt(deliveryId, {
        status: lastAttempt ? DeliveryStatus.Failed : DeliveryStatus.Pending,
        lastError: reason,
        sentAt: null,
      });
      throw new RobotDeliveryError(`机器人消息 ${deliveryId} 发送失败（${endpoint.name}）：${reason}`);
    }
    await this.webhooks.recordAttempt(deliveryId, {
      status: DeliveryStatus.Sent,
      lastError: null,
      sentAt: this.clock.now(),
    });
    return { deliveryId, status: DeliveryStatus.Sent };
  }
}
