import { Injectable } from '@nestjs/common';
import { JobContext, JobHandler, JobProcessor, QueueName } from '@app/core';
import { WEBHOOK_DELIVERY_ATTEMPTS, WebhookDeliveryPayload } from './webhook-delivery.payload.js';
import { DeliveryOutcome, WebhookDeliveryService } from './webhook-delivery.service.js';

/** One message to one group robot (企业微信 / 钉钉); throws on failure so the queue retries with backoff. */
@Injectable()
@JobHandler(QueueName.WebhookDelivery)
export class WebhookDeliveryProcessor implements JobProcessor<WebhookDeliveryPayload, DeliveryOutcome> {
  constructor(private readonly deliveries: WebhookDeliveryService) {}

  process(job: JobContext<WebhookDeliveryPayload>): Promise<DeliveryOutcome> {
    return this.deliveries.deliver(job.data.deliveryId, job.attempt >= WEBHOOK_DELIVERY_ATTEMPTS);
  }
}
