import { SmsDeliveryError } from './sms-sender';

/** The code message the provider specs send. */
export const codeMessage = { phone: '+8613800138000', code: '042917', text: 'Your callcart code is 042917.' };

/** The SmsDeliveryError a send ended with (fails the test if it resolved or threw something else). */
export async function deliveryFailureOf(send: Promise<void>): Promise<SmsDeliveryError> {
  const error = await send.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof SmsDeliveryError)) throw new Error(`expected an SmsDeliveryError, got ${String(error)}`);
  return error;
}

/** What an SMS error shows of itself (message and fields), to check no credential is in it. */
export function reported(error: SmsDeliveryError): string {
  return JSON.stringify({ ...error, message: error.message });
}
