export { MessageBus } from './message-bus';
export type {
  BinaryHandler,
  DurableConsumeOptions,
  EventHandler,
  Listening,
  RequestHandler,
  SubscribeOptions,
} from './message-bus';
export { MessagingModule } from './messaging.module';
export type { MessagingModuleAsyncOptions } from './messaging.module';
export { MESSAGING_OPTIONS } from './messaging-options';
export type { MessagingOptions } from './messaging-options';
export { InvalidMessageError } from './envelope-codec';
export type { EnvelopeInput } from './envelope-codec';
export { requestFailure } from './request-failure';
export { KeyValueBucket } from './key-value-bucket';
export type { KeyValueEntry, KeyValueOptions } from './key-value-bucket';
export { servicePermissions, renderNatsAuthorization, passwordVariable, SERVICE_DOMAINS } from './permissions/service-permissions';
export type { ServicePermissions } from './permissions/service-permissions';
