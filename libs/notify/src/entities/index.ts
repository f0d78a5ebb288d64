export * from './notification.entity.js';
export * from './webhook-endpoint.entity.js';
export * from './webhook-delivery.entity.js';

import { Notification } from './notification.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';

export const NOTIFY_ENTITIES = [Notification, WebhookEndpoint, WebhookDelivery];
