import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { signInRequestCodeV1, signInVerifyCodeV1, smsOutboxListV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { SignInService } from './sign-in.service';

/** Serves website sign-in (one-time codes) and the development SMS outbox over NATS. */
@Injectable()
export class SignInRequestsHandler implements OnApplicationBootstrap {
  constructor(
    private readonly bus: MessageBus,
    private readonly signIn: SignInService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.reply(signInRequestCodeV1, (request) => this.signIn.requestCode(request));
    await this.bus.reply(signInVerifyCodeV1, (request) => this.signIn.verifyCode(request));
    await this.bus.reply(smsOutboxListV1, (request) => this.signIn.outbox(request));
  }
}
