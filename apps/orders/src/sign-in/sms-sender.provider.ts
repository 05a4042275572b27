import type { Provider } from '@nestjs/common';
import type { OrdersConfig } from '../orders.config';
import { AliyunSmsSender } from './aliyun-sms.sender';
import { OutboxSmsSender, SmsSender } from './sms-sender';
import { TwilioSmsSender } from './twilio-sms.sender';

/** The {@link SmsSender} that `SMS_SENDER` names (its settings were checked at start). */
export function smsSenderProvider(config: OrdersConfig): Provider {
  const { sms } = config;
  switch (sms.sender) {
    case 'outbox':
      return { provide: SmsSender, useClass: OutboxSmsSender };
    case 'aliyun':
      return { provide: SmsSender, useValue: new AliyunSmsSender(sms.aliyun!) };
    case 'twilio':
      return { provide: SmsSender, useValue: new TwilioSmsSender(sms.twilio!) };
    default: {
      const unknownSender: never = sms.sender;
      throw new Error(`unknown SMS sender ${String(unknownSender)}`);
    }
  }
}
