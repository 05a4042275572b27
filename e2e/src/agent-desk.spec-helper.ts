import type { AgentDesk, LiveMessage } from '@callcart/gateway-client';
import type { PhoneLine } from '@callcart/telephony';

/**
 * What the end-to-end suites add to the agent desk of the gateway client (`AgentDesk`): the
 * address an agent takes down, and a caller who repeats until the product comes up.
 */

/** A shipping address the agent takes down on the phone (the caller's own number for the courier). */
export function addressFor(phone: string, recipient: string) {
  return { recipient, phone, region: 'Shanghai', city: 'Shanghai', street: '88 Caoxi North Road', country: 'CN' };
}

/** Voices for saying it again: the caller repeats when the agent did not catch it. */
const REPEAT_VOICES = ['en-us', 'en-us+m3', 'en-us+f2'];

/**
 * The caller says `sentence` until the desk shows a `matches` frame with `productId` among its
 * candidates (at most three times, as a caller repeats when asked). Recognition is imperfect;
 * undefined when the product never came up, with every final transcript heard meanwhile.
 */
export async function sayUntilMatched(
  desk: AgentDesk,
  caller: PhoneLine,
  sentence: string,
  productId: string,
): Promise<{ matches?: LiveMessage; attempts: number; heard: string[] }> {
  const hasProduct = (message: LiveMessage) => ((message.data.hits ?? []) as { productId: string }[]).some((hit) => hit.productId === productId);
  const found = () => desk.frames('matches', caller.callId).find(hasProduct);
  let attempts = 0;
  for (const voice of REPEAT_VOICES) {
    attempts += 1;
    await caller.sayText(sentence, voice);
    // A final comes ~0.3 s into the pause and the matcher answers at once; a loaded machine needs longer.
    const deadline = Date.now() + 6000;
    while (!found() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const matches = found();
    if (matches) {
      // Candidates may come from an interim guess, before the utterance's final transcript: wait for it too.
      const finalDeadline = Date.now() + 6000;
      while (heardSoFar(desk, caller.callId).length === 0 && Date.now() < finalDeadline) await new Promise((resolve) => setTimeout(resolve, 50));
      return { matches, attempts, heard: heardSoFar(desk, caller.callId) };
    }
  }
  return { attempts, heard: heardSoFar(desk, caller.callId) };
}

/** The final transcripts of the call the desk has received. */
export function heardSoFar(desk: AgentDesk, callId: string): string[] {
  return desk
    .frames('transcript', callId)
    .filter((message) => message.data.kind === 'final')
    .map((message) => String(message.data.text));
}
