import { Module } from '@nestjs/common';
import { PaymentWindowTimer } from './payment-window.timer';
import { WalletRequestsHandler } from './wallet-requests.handler';
import { WalletService } from './wallet.service';

/** The wallet and its ledger, paying orders from it, and the payment window that falls back to cash on delivery. */
@Module({ providers: [WalletService, WalletRequestsHandler, PaymentWindowTimer] })
export class PaymentsModule {}
