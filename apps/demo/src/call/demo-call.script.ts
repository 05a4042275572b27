import { callerIdentifiedV1, type Cart, type MatchesFoundV1, type ProductHit, type ReturningCallerV1 } from '@callcart/contracts';
import type { AgentDesk, GatewayClient } from '@callcart/gateway-client';
import { PhoneLine, spokenFrames } from '@callcart/telephony';
import { DemoProblem, gatewayProblem } from '../demo-problem';
import { moneyText } from '../money-text';
import { signInAdmin } from '../admin-session';
import { openDemoDesk } from './demo-desk';
import { CALLER_SCRIPT, SHOP_NUMBER } from './caller-script';
import { type HeardSentence, sayAndListen } from './caller-speech';
import { payOnShop } from './customer-payment';
import { DemoAgentVoice } from './demo-agent-voice';
import { concludeResult, type DemoCallResult, emptyResult, listDiscipline, recognitionOf, type SpokenProductOutcome } from './demo-call.result';
import { refillDemoWallet } from './demo-wallet';
import { Narrator } from './narration';

export interface DemoCallOptions {
  readonly gatewayUrl: string;
  readonly mediaUrl: string;
  readonly from: string;
  readonly agent: { readonly username: string; readonly password: string };
  readonly admin: { readonly username: string; readonly password: string };
  /** Short pauses between steps (tests); otherwise paced for a person watching the desk. */
  readonly fast: boolean;
  readonly write: (line: string) => void;
}

const FRAME_WAIT_MS = 10_000;
/** The live frame usually comes within milliseconds of the assignment. */
const CALLER_FRAME_MS = 2_000;

const hitLine = (hit: ProductHit) => `${hit.sku.padEnd(8)} ${hit.name.padEnd(48)} ${hit.price ? moneyText(hit.price) : 'no price'}`;
const quoted = (texts: readonly string[]) => (texts.length ? texts.map((text) => `"${text}"`).join(', ') : 'nothing');

async function speak(text: string): Promise<Uint8Array[]> {
  try {
    return await spokenFrames(text, 'en-us');
  } catch (error) {
    throw new DemoProblem(`espeak-ng could not speak the caller's words (${(error as Error).message})`, 'install it: `apt-get install espeak-ng` (infra/local/up.sh and .ci/run do)');
  }
}

/**
 * The scripted demo call (issue 7): a returning customer calls, names a product that the desk
 * matches from speech, names another with too many candidates and keys its item number in; the
 * agent places the order, the customer pays from the wallet on the shop, and hangs up. Every step
 * happens through the real interfaces (the media WebSocket, the gateway API, the live feed), and
 * the narration says what the desk showed, including when recognition missed and the agent
 * searched instead.
 */
export class DemoCall {
  private readonly narrator: Narrator;
  private readonly result = emptyResult();
  private line: PhoneLine | undefined;
  private voice: DemoAgentVoice | undefined;

  constructor(private readonly options: DemoCallOptions) {
    this.narrator = new Narrator(options.write, { fast: options.fast });
  }

  async run(): Promise<DemoCallResult> {
    const { narrator, options } = this;
    narrator.step(`callcart demo call: watch it on the agent desk ${options.gatewayUrl}/ signed in as ${options.agent.username}`);
    let admin: GatewayClient | undefined;
    let desk: AgentDesk | undefined;
    try {
      const [firstWords, secondWords] = await Promise.all([speak(CALLER_SCRIPT.first.say), speak(CALLER_SCRIPT.second.say)]);
      admin = (await signInAdmin(options.gatewayUrl, options.admin)).client;
      desk = await openDemoDesk(options.gatewayUrl, options.agent);
      narrator.step(`${this.options.agent.username} is signed in, the live feed is open, available for calls`);
      await narrator.pause(2000);
      const callId = await this.dial(desk);
      await this.identifyCaller(desk, admin, callId);
      await narrator.pause(2500);
      await this.firstProduct(desk, callId, firstWords);
      await narrator.pause(2500);
      await this.secondProduct(desk, callId, secondWords);
      await narrator.pause(2500);
      const order = await this.placeOrder(desk, callId);
      await narrator.pause(3000);
      await this.pay(desk, admin, callId, order.id);
      await narrator.pause(2500);
      await this.hangUp(desk, callId);
    } catch (error) {
      const problem = error instanceof DemoProblem ? error : gatewayProblem(error, options.gatewayUrl, 'running the demo call');
      this.result.problem = problem.message;
      narrator.step(`stopped: ${problem.message}`);
    } finally {
      if (this.line?.isUp) await this.line.hangUp().catch(() => undefined);
      await this.voice?.close();
      await desk?.close({ signOut: true });
      await admin?.signOut().catch(() => undefined);
    }
    const result = concludeResult(this.result);
    this.summarise(result);
    return result;
  }

  private async dial(desk: AgentDesk): Promise<string> {
    const { narrator, options } = this;
    try {
      this.line = await PhoneLine.dial(options.mediaUrl, { from: options.from, to: SHOP_NUMBER });
    } catch (error) {
      throw new DemoProblem(`call-ingest's media socket ${options.mediaUrl} refused the call (${(error as Error).message})`, 'start everything with `npm start` (or pass --media ws://HOST:PORT/media)');
    }
    const callId = this.line.callId;
    narrator.startClock();
    narrator.step(`${options.from} calls the shop (call ${callId})`);
    const ringing = await desk.waitFor('call.ringing', callId, 15_000);
    if (!ringing) {
      const { queue, mine } = await desk.calls();
      if (queue.some((call) => call.callId === callId)) {
        const other = mine.find((call) => call.status === 'connected' || call.status === 'ringing');
        throw new DemoProblem(`the call waits in the queue: ${this.options.agent.username} is not free${other ? ` (still on call ${other.callId})` : ''}`, 'close that call on the desk, then run the demo again');
      }
      throw new DemoProblem(`the call never rang on ${this.options.agent.username}'s desk and is not queued`, 'another available agent may have taken it (sign other agents out), or check the call-ingest and gateway logs');
    }
    this.result.callId = callId;
    narrator.step(`the call rings on ${this.options.agent.username}'s desk`);
    await desk.answerRinging(callId);
    narrator.step(`${this.options.agent.username} answers`);
    await this.connectVoice(desk, callId);
    await this.agentSays('Hello, this is the shop. How can I help you?');
    return callId;
  }

  /**
   * Who is calling, as the desk learns it: the live `caller.identified` frame, or, when orders
   * identified the caller before the call was routed to the agent (the live push then had nobody
   * to go to), the call's state, which the desk reads when a call is assigned.
   */
  private async callerOnDesk(desk: AgentDesk, callId: string): Promise<unknown> {
    const live = await desk.waitFor('caller.identified', callId, CALLER_FRAME_MS);
    if (live) return live.data;
    const deadline = performance.now() + FRAME_WAIT_MS;
    for (;;) {
      const { caller } = await desk.callState(callId);
      if (caller) {
        this.narrator.detail('(the identification came before the call was routed: the desk read it from the call state)');
        return caller;
      }
      if (performance.now() > deadline) return undefined;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  private async identifyCaller(desk: AgentDesk, admin: GatewayClient, callId: string): Promise<void> {
    const caller = await this.callerOnDesk(desk, callId);
    const identified = caller ? callerIdentifiedV1.schema.safeParse(caller) : undefined;
    if (!identified?.success) throw new DemoProblem('the caller was never identified on the desk', 'check that orders runs (`npm start`)');
    this.result.callerStatus = identified.data.status;
    if (identified.data.status !== 'returning') {
      throw new DemoProblem(`the caller was identified as ${identified.data.status}, not as the returning demo customer`, 'set the demo up with `npm run demo:seed` (or call with --from the seeded number)');
    }
    const { customer } = identified.data as ReturningCallerV1;
    const address = customer.defaultAddress;
    this.narrator.step(
      `caller identified: returning customer ${customer.phone}, wallet ${moneyText(customer.walletBalance)}` +
        (address ? `, address ${address.city}${address.district ?? ''}${address.street} (${address.recipient})` : ', no address'),
    );
    if (customer.recentOrders.length) this.narrator.detail(`recent orders: ${customer.recentOrders.map((order) => `${moneyText(order.total)} ${order.state}`).join(', ')}`);
    this.result.balanceBefore = customer.walletBalance;
    const refilled = await refillDemoWallet(admin, customer.customerId);
    if (refilled) {
      this.narrator.detail(`the demo wallet was low: the admin tops it up to ${moneyText(refilled)}, as \`npm run demo:seed\` does`);
      this.result.balanceBefore = refilled;
    }
    if (customer.openCart?.lines.length) {
      this.narrator.detail(`the cart still holds ${customer.openCart.lines.length} line(s) from before: the agent empties it to start afresh`);
      await desk.emptyCart(callId);
    }
  }

  /** The transcripts and candidate lists the desk showed, each at the time it arrived. */
  private reportHeard(heard: HeardSentence): void {
    const lines = [
      ...heard.finals.map(({ transcript, receivedAt }) => ({ receivedAt, text: `  desk: transcript "${transcript.text}"` })),
      ...heard.matches.map(({ found, receivedAt }) => ({
        receivedAt,
        text: `  desk: candidates for "${found.mention}" ×${found.quantity}: ${found.total}, ${found.confirmationMode === 'ask' ? 'read them out' : 'ask for the item number'}`,
      })),
    ].sort((a, b) => a.receivedAt - b.receivedAt);
    for (const line of lines) this.narrator.stepAt(line.receivedAt, line.text);
    if (!lines.length) this.narrator.step('  desk: nothing heard');
  }

  private outcome(said: string, heard: HeardSentence, foundBy: SpokenProductOutcome['foundBy'], list?: { total: number; confirmationMode: 'ask' | 'item-number' }): SpokenProductOutcome {
    return {
      said,
      heard: heard.finals.map((entry) => entry.transcript.text),
      matchesFrames: heard.matches.length,
      foundBy,
      ...listDiscipline(heard.matches.map((entry) => entry.found)),
      ...(list ? { total: list.total, confirmationMode: list.confirmationMode } : {}),
    };
  }

  private async firstProduct(desk: AgentDesk, callId: string, words: Uint8Array[]): Promise<void> {
    const script = CALLER_SCRIPT.first;
    const line = this.requireLine();
    this.narrator.step(`caller: "${script.say}"`);
    const heard = await sayAndListen(line, desk, words, (found) => found.hits.some((hit) => hit.productId === script.productId));
    this.reportHeard(heard);
    let candidates: { hits: readonly ProductHit[]; total: number; confirmationMode: 'ask' | 'item-number' };
    let foundBy: SpokenProductOutcome['foundBy'] = 'speech';
    if (heard.wanted) {
      candidates = heard.wanted;
      this.narrator.step(`the desk shows ${heard.wanted.total} candidate(s) for "${heard.wanted.mention}" (quantity heard: ${heard.wanted.quantity}); the agent reads them out:`);
    } else {
      this.narrator.step(`recognition missed it: no candidate list named the product (heard ${quoted(heard.finals.map((entry) => entry.transcript.text))}); the agent types "${script.search}" into the desk search`);
      candidates = await desk.search(script.search);
      foundBy = 'desk search';
    }
    candidates.hits.slice(0, 5).forEach((hit, index) => this.narrator.detail(`${index + 1}. ${hitLine(hit)}`));
    const chosen = candidates.hits.find((hit) => hit.productId === script.productId);
    if (!chosen) {
      this.result.firstProduct = { ...this.outcome(script.say, heard, 'not found', candidates), productId: script.productId, quantity: script.quantity };
      throw new DemoProblem(`${script.productId} is not among the candidates`, 'import the demo catalogue (`npm run demo:seed`)');
    }
    this.result.firstProduct = { ...this.outcome(script.say, heard, foundBy, candidates), productId: chosen.productId, quantity: script.quantity };
    await this.narrator.pause(2000);
    this.narrator.step(`caller: "${script.choice}, two of them, please." → the agent adds ${script.quantity} × ${chosen.name}`);
    await this.addToCart(desk, callId, chosen.productId, script.quantity);
  }

  private async secondProduct(desk: AgentDesk, callId: string, words: Uint8Array[]): Promise<void> {
    const script = CALLER_SCRIPT.second;
    const line = this.requireLine();
    this.narrator.step(`caller: "${script.say}"`);
    const manyCandidates = (found: MatchesFoundV1) => found.confirmationMode === 'item-number' && found.hits.some((hit) => script.nameWords.test(hit.name));
    const heard = await sayAndListen(line, desk, words, manyCandidates);
    this.reportHeard(heard);
    if (heard.wanted) {
      this.narrator.step(`the desk shows ${heard.wanted.total} candidates for "${heard.wanted.mention}": too many to read out, it says "ask for the item number"`);
      heard.wanted.hits.slice(0, 5).forEach((hit) => this.narrator.detail(hitLine(hit)));
      this.result.secondProduct = this.outcome(script.say, heard, 'speech', heard.wanted);
    } else {
      const search = await desk.search(script.search);
      this.narrator.step(`recognition missed it (heard ${quoted(heard.finals.map((entry) => entry.transcript.text))}); the agent searches "${script.search}": ${search.total} products, too many to read out`);
      this.result.secondProduct = this.outcome(script.say, heard, 'desk search', search);
    }
    await this.narrator.pause(1500);
    await this.agentSays('We have several. Please key in the item number from our catalogue, then the hash key.');
    await this.narrator.pause(2000);
    const keys = `${script.itemNumber}#`;
    this.narrator.step(`the caller keys ${[...keys].join(' ')}`);
    const keyedSince = performance.now();
    await line.press(keys);
    const keypad = await desk.waitFor('matches', callId, FRAME_WAIT_MS, (message) => message.data.source === 'keypad' && message.receivedAt >= keyedSince);
    const digitsOnDesk = desk
      .frames('keypad.digit', callId, keyedSince)
      .map((message) => String(message.data.digit))
      .join('');
    const hit = (keypad?.data as MatchesFoundV1 | undefined)?.hits[0];
    this.result.keypad = { keyed: keys, digitsOnDesk, ...(hit?.productId === script.productId ? { productId: hit.productId } : {}) };
    if (!hit) throw new DemoProblem(`the keyed item number ${script.itemNumber} brought no product to the desk (digits seen: "${digitsOnDesk}")`, 'check the catalogue log');
    this.narrator.step(`the desk shows the keypad digits "${digitsOnDesk}" and the one product: ${hitLine(hit)}`);
    if (hit.productId !== script.productId) throw new DemoProblem(`item number ${script.itemNumber} is ${hit.productId}, not ${script.productId}`, 'import the demo catalogue (`npm run demo:seed`)');
    await this.narrator.pause(1500);
    this.narrator.step(`the agent adds ${script.quantity} × ${hit.name}`);
    await this.addToCart(desk, callId, hit.productId, script.quantity);
  }

  private async addToCart(desk: AgentDesk, callId: string, productId: string, quantity: number): Promise<void> {
    const since = performance.now();
    const cart = await desk.addToCart(callId, productId, quantity);
    const hasLine = (candidate: Cart) => candidate.lines.some((line) => line.productId === productId);
    const update = await desk.waitFor('cart.updated', callId, FRAME_WAIT_MS, (message) => message.receivedAt >= since && hasLine((message.data as { cart: Cart }).cart));
    const shown = update ? (update.data as { cart: Cart }).cart : cart;
    this.narrator.detail(`cart${update ? ' (live on the desk)' : ''}: ${shown.lines.map((line) => `${line.quantity} × ${line.name}`).join(' + ')} = ${moneyText(shown.total)}`);
  }

  private async placeOrder(desk: AgentDesk, callId: string): Promise<{ id: string }> {
    this.narrator.step('the agent reads the order back and places it');
    const order = await desk.placeOrder(callId, `demo-order-${callId}`);
    const placed = await desk.waitFor('order.placed', callId, FRAME_WAIT_MS, (message) => (message.data as { order?: { id?: string } }).order?.id === order.id);
    if (!placed) this.result.missing.push('order.placed on the desk');
    this.result.order = { orderId: order.id, total: order.total };
    const due = new Date(order.paymentDueAt).toLocaleTimeString('en-GB');
    this.narrator.step(`order placed${placed ? ' (order.placed on the desk)' : ''}: ${order.lines.length} lines, total ${moneyText(order.total)}; unpaid by ${due} it ships cash on delivery`);
    return order;
  }

  private async pay(desk: AgentDesk, admin: GatewayClient, callId: string, orderId: string): Promise<void> {
    const { options, narrator } = this;
    await this.agentSays('You can pay from your wallet on our website now.');
    narrator.step('the customer, still on the line, opens the shop');
    const since = performance.now();
    const paid = await payOnShop({ gatewayUrl: options.gatewayUrl, phone: options.from, orderId, admin, narrator });
    this.result.payment = { method: paid.payment.method, amount: paid.payment.amount };
    this.result.balanceAfter = paid.balance;
    narrator.step(`the customer pays ${moneyText(paid.payment.amount)} from the wallet; new balance ${moneyText(paid.balance)}`);
    const settled = await desk.waitFor('payment.settled', callId, FRAME_WAIT_MS, (message) => message.data.orderId === orderId && message.receivedAt >= since);
    this.result.paymentSettledOnDesk = settled?.data.method === 'wallet';
    const shipment = await desk.waitFor('shipment.ready', callId, FRAME_WAIT_MS, (message) => message.data.orderId === orderId);
    this.result.shipmentReadyOnDesk = shipment !== undefined;
    narrator.step(`the desk shows ${settled ? `payment.settled (${String(settled.data.method)})` : 'no payment.settled'} and ${shipment ? 'shipment.ready: the order is ready to ship' : 'no shipment.ready'}`);
  }

  /**
   * The agent's audio on the call, as the desk's softphone connects it (through the gateway to the
   * voice service). Without it the story goes on with the agent's lines as narration only.
   */
  private async connectVoice(desk: AgentDesk, callId: string): Promise<void> {
    try {
      this.voice = await DemoAgentVoice.connect(desk, callId, this.requireLine());
      this.result.agentVoice = { connected: true, lines: [] };
      this.narrator.step(`${this.options.agent.username}'s headset is connected (WebRTC, PCMU, through the voice service): caller and agent hear each other`);
    } catch (error) {
      this.result.agentVoice = { connected: false, lines: [] };
      this.narrator.step(`the agent's audio did not connect (${(error as Error).message}): the agent's lines are narration only`);
      this.narrator.detail('is the voice service running? `npm start` starts it (port 3005)');
    }
  }

  /** One line the agent says: on the call when the headset is connected, and in the narration. */
  private async agentSays(text: string): Promise<void> {
    this.narrator.step(`agent: "${text}"`);
    if (!this.voice) return;
    const heard = await this.voice.say(text);
    this.result.agentVoice?.lines.push(heard);
    this.narrator.detail(`the caller heard ${((heard.framesHeardByCaller * 20) / 1000).toFixed(1)} s of the agent's ${((heard.framesSent * 20) / 1000).toFixed(1)} s line`);
  }

  private async hangUp(desk: AgentDesk, callId: string): Promise<void> {
    await this.agentSays('Thank you for your order. Goodbye.');
    this.narrator.step('caller: "Thank you, goodbye." and hangs up');
    await this.requireLine().hangUp();
    const ended = await desk.waitFor('call.ended', callId, FRAME_WAIT_MS);
    this.result.callEndedOnDesk = ended !== undefined;
    this.narrator.step(ended ? 'call.ended on the desk' : 'the desk never showed call.ended');
    // The agent's wrap-up: done at once, so the next demo call rings straight away.
    await desk.ready();
    this.narrator.step(`${this.options.agent.username} wraps up and is ready for the next call`);
  }

  private requireLine(): PhoneLine {
    if (!this.line?.isUp) throw new DemoProblem('call-ingest closed the call', 'see the call-ingest log');
    return this.line;
  }

  private summarise(result: DemoCallResult): void {
    const { narrator } = this;
    const recognition = [result.firstProduct, result.secondProduct]
      .filter((outcome): outcome is SpokenProductOutcome => outcome !== undefined)
      .map((outcome) => `"${outcome.said}" → ${outcome.foundBy === 'speech' ? 'matched from speech' : outcome.foundBy === 'desk search' ? 'missed by recognition, found with the desk search' : 'not found'}`);
    narrator.blank();
    if (result.ok) {
      narrator.step(`the whole story happened: order ${result.order?.orderId} for ${result.order ? moneyText(result.order.total) : '?'} paid from the wallet (${result.balanceBefore ? moneyText(result.balanceBefore) : '?'} → ${result.balanceAfter ? moneyText(result.balanceAfter) : '?'})`);
    } else if (result.callId === undefined) {
      narrator.step('no call was made');
    } else {
      narrator.step(`the story is incomplete; missing: ${result.missing.join('; ')}`);
    }
    recognition.forEach((line) => narrator.detail(line));
    const { bySpeech, byDeskSearch } = recognitionOf(result);
    narrator.detail(`found from speech: ${bySpeech.length ? bySpeech.map((said) => `"${said}"`).join(', ') : 'nothing'}`);
    narrator.detail(`found with the desk search (recognition missed): ${byDeskSearch.length ? byDeskSearch.map((said) => `"${said}"`).join(', ') : 'nothing'}`);
    const spoken = [result.firstProduct, result.secondProduct].filter((outcome): outcome is SpokenProductOutcome => outcome !== undefined);
    const repeated = spoken.reduce((sum, outcome) => sum + outcome.repeatedLists, 0);
    const outOfOrder = spoken.reduce((sum, outcome) => sum + outcome.outOfOrderLists, 0);
    narrator.detail(`candidate lists: ${spoken.reduce((sum, outcome) => sum + outcome.matchesFrames, 0)}, repeated ${repeated}, out of order ${outOfOrder}`);
  }
}
