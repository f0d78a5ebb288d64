/** The webhook-delivery job: one recorded delivery to one group robot. */
export interface WebhookDeliveryPayload {
  deliveryId: string;
}

/** Tries per delivery (BullMQ backs off exponentially between them); after the last one the delivery is failed. */
export const WEBHOOK_DELIVERY_ATTEMPTS = 5;

/** One job per delivery, so re-queueing a pending delivery never sends it twice. */
export function webhookDeliveryJobId(deliveryId: string): string {
  return `webhook:${deliveryId}`;
}
