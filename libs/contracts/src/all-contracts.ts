import { Contract } from './contract';
import { audioFrameV1 } from './calls/audio-frame.v1';
import { callEndedV1 } from './calls/call-ended.v1';
import { callStartedV1 } from './calls/call-started.v1';
import { keypadDigitV1 } from './calls/keypad-digit.v1';
import { agentAudioFrameV1 } from './calls/agent-audio-frame.v1';
import { callControlV1 } from './calls/call-control.v1';
import { agentAudioLostV1 } from './voice/agent-audio-lost.v1';
import { voiceSessionCloseV1 } from './voice/voice-session-close.v1';
import { voiceSessionOfferV1 } from './voice/voice-session-offer.v1';
import { transcriptUpdatedV1 } from './speech/transcript-updated.v1';
import { importRunV1 } from './catalogue/import-run.v1';
import { productUpdateV1 } from './catalogue/product-update.v1';
import { matchesFoundV1 } from './catalogue/matches-found.v1';
import { productBySkuV1 } from './catalogue/product-by-sku.v1';
import { productChangedV1 } from './catalogue/product-changed.v1';
import { productGetV1 } from './catalogue/product-get.v1';
import { productsSearchV1 } from './catalogue/products-search.v1';
import { reindexCompletedV1 } from './catalogue/reindex-completed.v1';
import { reindexProgressV1 } from './catalogue/reindex-progress.v1';
import { vocabularyGetV1 } from './catalogue/vocabulary-get.v1';
import { importProgressV1 } from './catalogue/import-progress.v1';
import { reindexRequestedV1 } from './catalogue/reindex-requested.v1';
import { reindexRunV1 } from './catalogue/reindex-run.v1';
import { callerIdentifiedV1 } from './orders/caller-identified.v1';
import { cartAddItemV1 } from './orders/cart-add-item.v1';
import { cartClearV1 } from './orders/cart-clear.v1';
import { cartConfirmV1 } from './orders/cart-confirm.v1';
import { cartGetV1 } from './orders/cart-get.v1';
import { cartRemoveItemV1 } from './orders/cart-remove-item.v1';
import { cartSetQuantityV1 } from './orders/cart-set-quantity.v1';
import { cartUpdatedV1 } from './orders/cart-updated.v1';
import { customerRegisterV1 } from './orders/customer-register.v1';
import { customerRegisteredV1 } from './orders/customer-registered.v1';
import { customerSetShippingAddressV1 } from './orders/customer-set-shipping-address.v1';
import { orderCancelV1 } from './orders/order-cancel.v1';
import { orderCancelledV1 } from './orders/order-cancelled.v1';
import { orderPlaceV1 } from './orders/order-place.v1';
import { orderPlacedV1 } from './orders/order-placed.v1';
import { paymentSettledV1 } from './orders/payment-settled.v1';
import { customerGetV1 } from './orders/customer-get.v1';
import { customerFindV1 } from './orders/customer-find.v1';
import { orderGetV1 } from './orders/order-get.v1';
import { orderListV1 } from './orders/order-list.v1';
import { orderBrowseV1 } from './orders/order-browse.v1';
import { orderShipV1 } from './orders/order-ship.v1';
import { orderShippedV1 } from './orders/order-shipped.v1';
import { signInRequestCodeV1 } from './orders/sign-in-request-code.v1';
import { signInVerifyCodeV1 } from './orders/sign-in-verify-code.v1';
import { smsOutboxListV1 } from './orders/sms-outbox-list.v1';
import { shipmentReadyV1 } from './orders/shipment-ready.v1';
import { walletGetV1 } from './orders/wallet-get.v1';
import { walletPayV1 } from './orders/wallet-pay.v1';
import { walletTopUpV1 } from './orders/wallet-top-up.v1';
import { walletTopUpStartV1 } from './orders/wallet-top-up-start.v1';
import { paymentNotificationV1 } from './orders/payment-notification.v1';
import { walletCreditedV1 } from './orders/wallet-credited.v1';

/** Every contract of the flow, for tests that check them all and for generated docs. */
export const ALL_CONTRACTS: readonly Contract[] = [
  audioFrameV1,
  callEndedV1,
  callStartedV1,
  keypadDigitV1,
  agentAudioFrameV1,
  callControlV1,
  agentAudioLostV1,
  voiceSessionCloseV1,
  voiceSessionOfferV1,
  transcriptUpdatedV1,
  matchesFoundV1,
  importRunV1,
  productUpdateV1,
  productBySkuV1,
  productChangedV1,
  productGetV1,
  productsSearchV1,
  reindexCompletedV1,
  reindexProgressV1,
  vocabularyGetV1,
  importProgressV1,
  reindexRequestedV1,
  reindexRunV1,
  callerIdentifiedV1,
  cartAddItemV1,
  cartClearV1,
  cartConfirmV1,
  cartGetV1,
  cartRemoveItemV1,
  cartSetQuantityV1,
  cartUpdatedV1,
  customerRegisterV1,
  customerRegisteredV1,
  customerSetShippingAddressV1,
  orderCancelV1,
  orderCancelledV1,
  orderPlaceV1,
  orderPlacedV1,
  paymentSettledV1,
  shipmentReadyV1,
  walletGetV1,
  walletPayV1,
  customerGetV1,
  customerFindV1,
  orderGetV1,
  orderListV1,
  orderBrowseV1,
  orderShipV1,
  orderShippedV1,
  signInRequestCodeV1,
  signInVerifyCodeV1,
  smsOutboxListV1,
  walletTopUpV1,
  walletTopUpStartV1,
  paymentNotificationV1,
  walletCreditedV1,
];
