export { AgentDesk, orderIdOf } from './agent-desk';
export type { DeskProductSearch, RoutedCall } from './agent-desk';
export { GatewayClient } from './gateway-client';
export { GatewayRequestError } from './gateway-request.error';
export { LiveFeed } from './live-feed';
export type { LiveMessage } from './live-feed';
export { codeInText, signInCodeFromOutbox } from './sign-in-code';
