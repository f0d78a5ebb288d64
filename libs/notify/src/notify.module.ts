import { Module } from '@nestjs/common';
import { NotificationRepository } from './notification.repository.js';
import { WebhookRepository } from './webhook.repository.js';
import { NotificationService } from './notification.service.js';
import { InboxService } from './inbox.service.js';
import { WebhookEndpointService } from './webhook-endpoint.service.js';
import { WebhookDeliveryService } from './webhook-delivery.service.js';
import { WebhookDeliveryProcessor } from './webhook-delivery.processor.js';

/**
 * In-app notifications and group robots. Needs the global JobQueue, Clock and (for the audited writes) AuditService.
 * Its processor runs wherever jobs run: apps/worker, or the API in the in-process mode.
 */
@Module({
  providers: [
    NotificationRepository,
    WebhookRepository,
    NotificationService,
    InboxService,
    WebhookEndpointService,
    WebhookDeliveryService,
    WebhookDeliveryProcessor,
  ],
  exports: [NotificationService, InboxService, WebhookEndpointService],
})
export class NotifyModule {}
