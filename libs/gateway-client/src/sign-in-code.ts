import type { GatewayClient } from './gateway-client';

/** One text of the development SMS outbox (`GET /api/admin/sms-outbox`). */
interface OutboxMessage {
  readonly phone: string;
  readonly text: string;
  readonly createdAt: string;
}

/** The six-digit code in a sign-in text ("Your callcart code is 042917. It expires …"). */
export function codeInText(text: string): string | undefined {
  return /\b(\d{6})\b/.exec(text)?.[1];
}

/**
 * The sign-in code texted to `phone` since `since`, read from the development SMS outbox by an
 * admin session (services under test run with SMS_SENDER=outbox); polls until `timeoutMs`, then throws. A missing
 * outbox (production) is the gateway's 404, thrown as a GatewayRequestError.
 */
export async function signInCodeFromOutbox(admin: GatewayClient, phone: string, since: Date, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { messages } = await admin.get<{ messages: OutboxMessage[] }>('/api/admin/sms-outbox?limit=50');
    // A second of slack: the outbox's clock is the orders service's.
    const text = messages.find((message) => message.phone === phone && Date.parse(message.createdAt) >= since.getTime() - 1000)?.text;
    const code = text ? codeInText(text) : undefined;
    if (code) return code;
    if (Date.now() > deadline) throw new Error(`no sign-in code for ${phone} in the SMS outbox within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
