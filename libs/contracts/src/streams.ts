/**
 * JetStream streams that hold the facts which must not be lost. They are declared here, next to
 * the contracts that publish into them, and created idempotently by every service at start.
 * Names and subjects are given without the deployment prefix; the messaging layer adds it.
 */
export interface StreamDefinition {
  readonly name: string;
  /** Subject filters, without prefix. */
  readonly subjects: readonly string[];
  /** How long a message is kept, in hours. */
  readonly maxAgeHours: number;
  /** Window in which a republished message id is dropped as a duplicate, in seconds. */
  readonly duplicateWindowSeconds: number;
}

/** Call lifecycle facts from call-ingest. */
export const CALLS_STREAM: StreamDefinition = {
  name: 'CALLS',
  subjects: ['calls.call.>'],
  maxAgeHours: 24 * 7,
  duplicateWindowSeconds: 120,
};

/** Catalogue facts: product changes and completed reindexes. */
export const CATALOGUE_STREAM: StreamDefinition = {
  name: 'CATALOGUE',
  subjects: ['catalogue.product.changed.>', 'catalogue.reindex.completed.>'],
  maxAgeHours: 24 * 7,
  duplicateWindowSeconds: 120,
};

/** Customer, order, payment and shipment facts from the orders service. */
export const ORDERS_STREAM: StreamDefinition = {
  name: 'ORDERS',
  subjects: [
    'orders.caller.identified.>',
    'orders.customer.registered.>',
    'orders.order.placed.>',
    'orders.order.cancelled.>',
    'orders.payment.settled.>',
    'orders.shipment.ready.>',
    'orders.order.shipped.>',
    'orders.wallet.credited.>',
  ],
  maxAgeHours: 24 * 30,
  duplicateWindowSeconds: 600,
};

export const ALL_STREAMS: readonly StreamDefinition[] = [CALLS_STREAM, CATALOGUE_STREAM, ORDERS_STREAM];
