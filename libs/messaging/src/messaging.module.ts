import { type DynamicModule, Inject, Module, type BeforeApplicationShutdown } from '@nestjs/common';
import { MessageBus } from './message-bus';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging-options';

export interface MessagingModuleAsyncOptions {
  readonly imports?: DynamicModule['imports'];
  readonly inject?: (string | symbol | (abstract new (...args: never[]) => unknown))[];
  readonly useFactory: (...args: never[]) => MessagingOptions | Promise<MessagingOptions>;
}

/**
 * Gives a Nest application one connected {@link MessageBus}. The connection and JetStream
 * streams are ready before any provider that injects the bus is created, and the bus is
 * drained when the application shuts down.
 */
@Module({})
export class MessagingModule implements BeforeApplicationShutdown {
  constructor(@Inject(MessageBus) private readonly bus: MessageBus) {}

  static forRootAsync(options: MessagingModuleAsyncOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: MESSAGING_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        {
          provide: MessageBus,
          useFactory: (messagingOptions: MessagingOptions) => MessageBus.connect(messagingOptions),
          inject: [MESSAGING_OPTIONS],
        },
      ],
      exports: [MessageBus],
    };
  }

  /**
   * Stops receiving and drains before any module's shutdown hook runs: handlers in flight finish
   * while the database they write to is still open (TypeORM closes it in onApplicationShutdown).
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}
