/**
 * The wire between callcart's services: every NATS subject bound to the zod schema of what
 * travels on it, the JetStream streams that keep the durable ones, and the shapes they share.
 */
export * from './contract';
export * from './envelope';
export * from './streams';
export * from './all-contracts';

export * from './common/actor';
export * from './common/address';
export * from './common/cart';
export * from './common/ids';
export * from './common/language';
export * from './common/money';
export * from './common/nul-character';
export * from './common/order';
export * from './common/order-history';
export * from './common/phone';
export * from './common/priced-lines';
export * from './common/product';
export * from './common/time';
export * from './common/wallet';

export * from './calls/audio-frame.v1';
export * from './calls/call-ended.v1';
export * from './calls/call-started.v1';
export * from './calls/keypad-digit.v1';
export * from './calls/agent-audio-frame.v1';
export * from './calls/call-control.v1';

export * from './voice/agent-audio-lost.v1';
export * from './voice/voice-session-close.v1';
export * from './voice/voice-session-offer.v1';
export * from './voice/ice-servers';

export * from './speech/transcript-updated.v1';

export * from './catalogue/import-run.v1';
export * from './catalogue/product-update.v1';
export * from './catalogue/matches-found.v1';
export * from './catalogue/product-by-sku.v1';
export * from './catalogue/product-changed.v1';
export * from './catalogue/product-get.v1';
export * from './catalogue/products-search.v1';
export * from './catalogue/reindex-completed.v1';
export * from './catalogue/reindex-progress.v1';
export * from './catalogue/vocabulary-get.v1';
export * from './catalogue/import-progress.v1';
export * from './catalogue/reindex-requested.v1';
export * from './catalogue/reindex-run.v1';

export * from './orders/caller-identified.v1';
export * from './orders/cart-add-item.v1';
export * from './orders/cart-clear.v1';
export * from './orders/cart-confirm.v1';
export * from './orders/cart-get.v1';
export * from './orders/cart-remove-item.v1';
export * from './orders/cart-set-quantity.v1';
export * from './orders/cart-updated.v1';
export * from './orders/customer-register.v1';
export * from './orders/customer-registered.v1';
export * from './orders/customer-set-shipping-address.v1';
export * from './orders/order-cancel.v1';
export * from './orders/order-cancelled.v1';
export * from './orders/order-place.v1';
export * from './orders/order-placed.v1';
export * from './orders/payment-settled.v1';
export * from './orders/shipment-ready.v1';
export * from './orders/wallet-get.v1';
export * from './orders/wallet-pay.v1';
export * from './orders/wallet-top-up.v1';
export * from './orders/wallet-top-up-start.v1';
export * from './orders/payment-notification.v1';
export * from './orders/wallet-credited.v1';
export * from './orders/customer-get.v1';
export * from './orders/customer-find.v1';
export * from './orders/order-get.v1';
export * from './orders/order-list.v1';
export * from './orders/order-browse.v1';
export * from './orders/order-ship.v1';
export * from './orders/order-shipped.v1';
export * from './orders/sign-in-request-code.v1';
export * from './orders/sign-in-verify-code.v1';
export * from './orders/sms-outbox-list.v1';

export type * from './live/live-message';

export * from './fixture-cases';
/** Example payloads for tests in any project: `fixtures.placedOrder`, `fixtures.orderPlace.request`. */
export * as fixtures from './fixtures';
