import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callEndedV1, callerIdentifiedV1, callStartedV1, keypadDigitV1, matchesFoundV1, paymentSettledV1, type ProductHit, transcriptUpdatedV1 } from '@callcart/contracts';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, collectPageErrors, SCREENSHOTS } from './e2e-stack.spec-helper';
import { cny, DESK_AGENT, type DeskServices, returningCaller, startDeskStack } from './desk-stack.spec-helper';

/**
 * The agent desk call after call, in real Chromium against the built gateway (its own process,
 * database and NATS prefix; orders and catalogue answered on NATS by the test): a search on one
 * call never leaks into the next, the catalogue's confirmation mode is shown as decided, the
 * item-number list opens and narrows, the read-back comes before placing, the placed order and
 * the new wallet balance show in words, and a refusal is a sentence that does not move the layout.
 */
const OLD_SOAP: ProductHit = { productId: 'P-old-soap', sku: '400001', name: 'Lux Old Soap 3 x 115 g', price: cny(1590), score: 0.9 };
const NEW_TEA: ProductHit = { productId: 'P-new-tea', sku: '400101', name: 'Lipton Yellow Label Tea 100 bags', price: cny(3200), score: 0.9, brand: 'Lipton' };
const RETIRED_TEA: ProductHit = { productId: 'P-retired', sku: '400199', name: 'Retired Jasmine Tea 250 g', price: cny(2800), score: 0.5 };
/** Twelve teas the catalogue holds: more than CONFIRM_LIST_MAX, so the catalogue asks for the item number. */
const TEAS: ProductHit[] = Array.from({ length: 12 }, (_, index) => ({
  productId: `P-tea-${index}`,
  sku: String(400110 + index),
  name: `${index % 3 === 0 ? 'Lipton' : index % 3 === 1 ? 'Twinings' : 'Tetley'} Tea ${index % 2 === 0 ? '100 bags' : '25 bags'} #${index}`,
  price: cny(1000 + index),
  score: 0.8,
  brand: index % 3 === 0 ? 'Lipton' : index % 3 === 1 ? 'Twinings' : 'Tetley',
}));

describe('the agent desk call after call, in Chromium', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'callcart-desk-e2e-'));
  const pageErrors: string[] = [];
  let stack: DeskServices;
  let context: BrowserContext;
  let page: Page;
  const firstCall = `CAdesk1${Date.now()}`;
  const secondCall = `CAdesk2${Date.now()}`;
  const startCall = async (callId: string, callerNumber: string) =>
    stack.bus.publish(callStartedV1, { callId, callerNumber, dialledNumber: '+864001234567', startedAt: new Date().toISOString(), provider: { name: 'twilio', callSid: callId, streamSid: 'MZ18ad3ab5a668481ce02b83e7395059f0' } });
  const matches = (callId: string, utteranceId: string, mention: string, hits: ProductHit[], total: number, confirmationMode: 'ask' | 'item-number') =>
    stack.bus.publish(matchesFoundV1, { callId, utteranceId, mention, quantity: 1, hits, total, confirmationMode, source: 'speech' });
  /** The focused element's label (or tag), read in the page. */
  const focusedLabel = () => page.evaluate<string | null>('document.activeElement && (document.activeElement.getAttribute("aria-label") || document.activeElement.tagName)');

  beforeAll(async () => {
    stack = await startDeskStack(scratch, { searchable: [OLD_SOAP, NEW_TEA, RETIRED_TEA, ...TEAS], inactive: [RETIRED_TEA.productId] });
    mkdirSync(SCREENSHOTS, { recursive: true });
    context = await chromium.launchPersistentContext(join(scratch, 'profile'), { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(8_000);
    collectPageErrors(page, pageErrors);
  }, 90_000);

  afterAll(async () => {
    await context?.close();
    await stack?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('a search belongs to its call: after it ends, the next call shows its own matches and keypad digits at once, and key 1 adds its candidate', async () => {
    await page.goto(`${stack.url}/`);
    await page.getByLabel('Username').fill(DESK_AGENT.username);
    await page.getByLabel('Password').fill(DESK_AGENT.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('live: open').waitFor();
    const availability = page.waitForResponse((response) => response.url().endsWith('/api/agent/availability') && response.ok());
    await page.getByLabel('Available').click();
    await availability;

    await startCall(firstCall, '+8613800000001');
    await page.getByRole('alertdialog', { name: 'Incoming call' }).getByText('+8613800000001', { exact: false }).waitFor();
    // Enter answers a ringing call (the agent's hands stay on the keyboard).
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Call controls' }).waitFor();
    await stack.bus.publish(callerIdentifiedV1, returningCaller(firstCall, stack.customers.first));
    await page.locator('.caller-name', { hasText: 'Wang Xiuying' }).waitFor();
    await page.locator('.call-timer').waitFor();
    await page.getByLabel('Search', { exact: true }).fill('old soap');
    await page.keyboard.press('Enter');
    await page.locator('.candidate-list li', { hasText: OLD_SOAP.name }).waitFor();
    await page.locator('.candidates-panel .badge', { hasText: 'search' }).waitFor();
    // Focus left the search box: the number keys now add candidates.
    expect(await focusedLabel()).not.toBe('Search');

    await stack.bus.publish(callEndedV1, { callId: firstCall, endedAt: new Date().toISOString(), durationMs: 30_000, reason: 'stopped', missingFrames: 0 });
    await page.getByText('call ended').waitFor();
    // The wrap-up holds the next call back until the agent is ready.
    await page.getByRole('button', { name: 'Ready for the next call' }).click();
    await startCall(secondCall, '+8613800000002');
    await page.getByRole('button', { name: 'Answer (Enter)' }).click();
    await page.locator('.caller .phone', { hasText: '+8613800000002' }).waitFor();
    await stack.bus.publish(callerIdentifiedV1, returningCaller(secondCall, stack.customers.second));
    await matches(secondCall, 'u-21', 'tea', TEAS.slice(0, 5), 14, 'item-number');
    await page.getByText('Ask for the item number.').waitFor();
    for (const digit of ['4', '0']) await stack.bus.publish(keypadDigitV1, { callId: secondCall, digit, pressedAt: new Date().toISOString() });
    await page.locator('output.keypad-digits', { hasText: '40' }).waitFor();
    expect(await page.getByText(OLD_SOAP.name).count()).toBe(0);
    expect(await page.locator('.candidates-panel .badge', { hasText: 'search' }).count()).toBe(0);
    expect(await page.getByLabel('Search', { exact: true }).inputValue()).toBe('');

    await matches(secondCall, 'u-22', 'lipton yellow label tea', [NEW_TEA, RETIRED_TEA], 2, 'ask');
    await page.locator('.candidate-list li', { hasText: NEW_TEA.name }).waitFor();
    await page.keyboard.press('1');
    await page.locator('.cart td.product-name', { hasText: NEW_TEA.name }).waitFor();
    // The desk adds to the call's cart; orders decides it is the second customer's (decision 0008).
    expect(stack.added.map((request) => [request.productId, 'customerId' in request.cart ? request.cart.customerId : request.cart.callId])).toEqual([[NEW_TEA.productId, secondCall]]);
    await page.screenshot({ path: join(SCREENSHOTS, 'desk-second-call.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 40_000);

  it('the item-number prompt stays, and the agent opens the whole list and narrows it by brand and size', async () => {
    // The catalogue holds 14 teas (the twelve, Lipton Yellow Label and the retired jasmine tea).
    await matches(secondCall, 'u-23', 'tea', TEAS.slice(0, 5), 14, 'item-number');
    await page.getByText('Ask for the item number.').waitFor();
    await page.getByRole('button', { name: 'Show the list (14)' }).click();
    await page.locator('.item-number-list .candidate-list li').nth(13).waitFor();
    expect(stack.searches.at(-1)).toEqual({ query: 'tea', limit: 50 });
    await page.getByLabel('Brand').selectOption('Lipton');
    await page.getByLabel('Size').selectOption('100bags');
    // Lipton 100 bags: Yellow Label, and of the twelve every third (0, 3, 6, 9) that has 100 bags (even ones): 0 and 6.
    await page.getByText('3 of 14').waitFor();
    expect(await page.locator('.item-number-list .candidate-list li').allInnerTexts()).toEqual([expect.stringContaining(NEW_TEA.name), expect.stringContaining('#0'), expect.stringContaining('#6')]);
    await page.getByText('Ask for the item number.').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'desk-item-number-list.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 20_000);

  it('a refusal shows as a sentence in a fixed place, without the code and without moving the panels', async () => {
    await matches(secondCall, 'u-24', 'lipton yellow label tea', [NEW_TEA, RETIRED_TEA], 2, 'ask');
    await page.locator('.candidate-list li', { hasText: RETIRED_TEA.name }).waitFor();
    const before = await page.locator('.call-grid').boundingBox();
    await page.keyboard.press('2');
    const notice = page.locator('.desk-notice');
    await notice.getByText('This product is no longer sold.').waitFor();
    expect(await notice.innerText()).not.toContain('PRODUCT_INACTIVE');
    expect(await page.locator('.call-grid').boundingBox()).toEqual(before);
    await page.screenshot({ path: join(SCREENSHOTS, 'desk-error-sentence.png'), fullPage: true });
  }, 20_000);

  it('Ctrl+Enter opens the read-back, a second Ctrl+Enter places, then the order shows in words and the wallet balance follows the payment', async () => {
    await page.keyboard.press('Control+Enter');
    const readBack = page.getByRole('dialog', { name: 'Read the order back' });
    await readBack.getByText(`1 × ${NEW_TEA.name}, CN¥32.00`).waitFor();
    await readBack.getByText('Total: CN¥32.00.').waitFor();
    await readBack.getByText(/Delivered to: Wang Xiuying, 88 Caoxi North Road/).waitFor();
    await readBack.getByText(/from the wallet \(balance CN¥500.00\)/).waitFor();
    expect(stack.placed).toHaveLength(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'desk-read-back.png'), fullPage: true });
    await page.keyboard.press('Control+Enter');
    const placed = page.locator('.placed-order');
    await placed.locator('td.product-name', { hasText: NEW_TEA.name }).waitFor();
    await placed.locator('.state', { hasText: 'Waiting for payment' }).waitFor();
    expect(stack.placed).toHaveLength(1);
    await readBack.waitFor({ state: 'detached' });
    await page.getByText('The cart is empty.').waitFor({ state: 'detached' });

    const order = stack.placed[0]!;
    stack.walletBalance.set(stack.customers.second, 46800);
    await stack.bus.publish(paymentSettledV1, { orderId: order.id, customerId: stack.customers.second, method: 'wallet', amount: cny(3200), settledAt: new Date().toISOString() }, { callId: secondCall });
    await placed.getByText('Paid from the wallet: CN¥32.00').waitFor();
    await page.locator('.caller-returning strong', { hasText: 'CN¥468.00' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'desk-order-paid.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 20_000);

  it('labels the agent’s words in the transcript, marks the candidate being confirmed, and lists the customer’s whole order history on demand', async () => {
    const base = { callId: secondCall, workerId: 'speech-1', language: 'en' as const };
    await matches(secondCall, 'u-30', 'lipton yellow label tea', [NEW_TEA, RETIRED_TEA], 2, 'ask');
    await stack.bus.publish(transcriptUpdatedV1, { ...base, kind: 'final', utteranceId: 'u-31', text: 'so that is the lipton yellow label tea', startMs: 9000, endMs: 9800, alternatives: [{ text: 'so that is the lipton yellow label tea', confidence: 0.9 }], speaker: 'agent' });
    await page.locator('.utterance-agent .speaker', { hasText: 'Agent' }).waitFor();
    await page.locator('.candidate-confirming', { hasText: NEW_TEA.name }).getByText('being confirmed').waitFor();

    await page.getByRole('button', { name: 'All orders' }).click();
    const history = page.getByRole('region', { name: 'Order history' });
    await history.locator('li', { hasText: 'Shipped' }).waitFor();
    await history.locator('li', { hasText: 'Waiting for payment' }).getByText(`1 × ${NEW_TEA.name}`).waitFor();
    expect(await history.locator('li').count()).toBe(2);
    expect(stack.orderLists).toEqual([{ customerId: stack.customers.second, limit: 50 }]);
    await page.screenshot({ path: join(SCREENSHOTS, 'desk-order-history.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 20_000);

  it('shows the confirmation mode the catalogue decided for a search: seven candidates under its limit of twelve stay a list to read out', async () => {
    await page.getByLabel('Search', { exact: true }).fill('100 bags');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('.candidates-panel .badge', { hasText: 'search' }).waitFor();
    await page.locator('[data-mode="ask"] .candidate-list li').nth(6).waitFor();
    expect(await page.locator('[data-mode="ask"] .candidate-list li').count()).toBe(7);
    expect(await page.getByText('Ask for the item number.').count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.locator('.candidates-panel .badge', { hasText: 'search' }).waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  }, 20_000);
});
