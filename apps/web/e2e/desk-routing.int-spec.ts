import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callControlV1, type CallControlV1, callEndedV1, callStartedV1 } from '@callcart/contracts';
import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, collectPageErrors, SCREENSHOTS } from './e2e-stack.spec-helper';
import { DESK_AGENT, type DeskServices, startDeskStack } from './desk-stack.spec-helper';

/**
 * Ringing, answering, hold, transfer, hang-up, wrap-up and desk presence in real Chromium, two
 * agents at two desks, against the built gateway (its own process, database and NATS prefix) with
 * short ring (3 s) and desk-closing grace (1 s) times; the wrap-up lasts until the agent says Ready. call-ingest is played by
 * this suite: it starts and ends calls on NATS and reads the gateway's call-control commands.
 */
const COLLEAGUE = { username: 'desk.colleague', password: 'agent password 456' };
const RING_SECONDS = 3;

describe('ringing, the call bar and the wrap-up at two desks, in Chromium', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'callcart-desk-routing-'));
  const pageErrors: string[] = [];
  const commands: CallControlV1[] = [];
  let stack: DeskServices;
  let browser: Browser;
  let first: Page;
  let second: Page;
  let callCount = 0;

  const startCall = async (callerNumber: string): Promise<string> => {
    callCount += 1;
    const callId = `CAring${callCount}${Date.now()}`;
    await stack.bus.publish(callStartedV1, { callId, callerNumber, dialledNumber: '+864001234567', startedAt: new Date().toISOString(), provider: { name: 'twilio', callSid: callId, streamSid: 'MZ18ad3ab5a668481ce02b83e7395059f0' } });
    return callId;
  };
  const endCall = (callId: string) => stack.bus.publish(callEndedV1, { callId, endedAt: new Date().toISOString(), durationMs: 60_000, reason: 'hung-up', missingFrames: 0 });
  const commandsFor = (callId: string) => commands.filter((command) => command.callId === callId).map((command) => command.command);

  async function openDesk(agent: { username: string; password: string }): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    collectPageErrors(page, pageErrors, agent.username);
    await page.goto(`${stack.url}/`);
    await page.getByLabel('Username').fill(agent.username);
    await page.getByLabel('Password').fill(agent.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('live: open').waitFor();
    return page;
  }

  async function setAvailable(page: Page, available: boolean): Promise<void> {
    const box = page.getByLabel('Available', { exact: true });
    if ((await box.isChecked()) === available) return;
    const saved = page.waitForResponse((response) => response.url().endsWith('/api/agent/availability') && response.ok());
    await box.click();
    await saved;
  }

  const ringing = (page: Page) => page.getByRole('alertdialog', { name: 'Incoming call' });
  /** Puts the desk's window in front: Chromium pauses animation frames in a window behind, and clicks wait for them. */
  const atDesk = async (page: Page): Promise<Page> => (await page.bringToFront(), page);

  beforeAll(async () => {
    stack = await startDeskStack(scratch, { searchable: [], inactive: [] }, {
      gatewayEnv: { GATEWAY_RING_TIMEOUT_SECONDS: String(RING_SECONDS), GATEWAY_WRAP_UP_SECONDS: '30', GATEWAY_DESK_GRACE_SECONDS: '1' },
      agents: [COLLEAGUE],
    });
    await stack.bus.subscribe(callControlV1, (command) => void commands.push(command));
    mkdirSync(SCREENSHOTS, { recursive: true });
    // The ring tone is Web Audio: without a click on the page Chromium's autoplay policy would keep it silent.
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'] });
    first = await openDesk(DESK_AGENT);
    second = await openDesk(COLLEAGUE);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('rings the free agent with a tone and a countdown; unanswered, it rings the next agent, and the first is set unavailable with the reason', async () => {
    await setAvailable(await atDesk(first), true);
    const callId = await startCall('+8613800000011');
    const banner = ringing(first);
    await banner.getByText('Incoming call from +8613800000011').waitFor();
    await banner.getByText(/Answer within \d+ s/).waitFor();
    await first.locator('.ringing-banner[data-tone="on"]').waitFor();
    await first.screenshot({ path: join(SCREENSHOTS, 'desk-ringing.png') });
    await setAvailable(await atDesk(second), true);

    // Nobody answers at the first desk: after the ring timeout the call rings at the second.
    await ringing(second).getByText('Incoming call from +8613800000011').waitFor({ timeout: (RING_SECONDS + 5) * 1000 });
    await banner.waitFor({ state: 'detached' });
    await first.getByText('You did not answer a call, so you were set unavailable. Tick “Available” when you are back.').waitFor();
    expect(await first.getByLabel('Available', { exact: true }).isChecked()).toBe(false);

    // Space answers at the second desk.
    await atDesk(second);
    await second.keyboard.press(' ');
    await second.getByRole('region', { name: 'Call controls' }).waitFor();
    await second.locator('.caller .phone', { hasText: '+8613800000011' }).waitFor();
    expect(commandsFor(callId)).toEqual(['connect']);
    expect(pageErrors).toEqual([]);
  }, 40_000);

  it('holds the caller (call-ingest plays the waiting audio) and takes them back', async () => {
    const callId = commands[0]!.callId;
    const bar = (await atDesk(second)).getByRole('region', { name: 'Call controls' });
    await bar.getByRole('button', { name: 'Hold' }).click();
    await second.locator('.call-bar[data-on-hold="true"]').waitFor();
    await bar.getByText('On hold: the caller hears the waiting music.').waitFor();
    await second.screenshot({ path: join(SCREENSHOTS, 'desk-call-bar.png') });
    await bar.getByRole('button', { name: 'Take off hold' }).click();
    await second.locator('.call-bar[data-on-hold="false"]').waitFor();
    expect(commandsFor(callId)).toEqual(['connect', 'hold', 'connect']);
  }, 20_000);

  it('transfers to a free colleague: their desk rings with the same call; when they answer, the first agent wraps up', async () => {
    const callId = commands[0]!.callId;
    await setAvailable(await atDesk(first), true);
    const bar = (await atDesk(second)).getByRole('region', { name: 'Call controls' });
    const transferMenu = bar.getByRole('combobox', { name: 'Transfer to…' });
    await transferMenu.focus();
    await transferMenu.locator('option', { hasText: DESK_AGENT.username }).waitFor({ state: 'attached' });
    await transferMenu.selectOption({ label: DESK_AGENT.username });
    await bar.getByRole('button', { name: 'Transfer', exact: true }).click();
    await bar.getByText(`Ringing ${DESK_AGENT.username} for the hand-over…`).waitFor();

    await ringing(first).getByText('A colleague is handing you a call from +8613800000011').waitFor();
    await atDesk(first);
    await ringing(first).getByRole('button', { name: 'Answer (Enter)' }).click();
    await first.getByRole('region', { name: 'Call controls' }).waitFor();
    await first.locator('.caller .phone', { hasText: '+8613800000011' }).waitFor();

    const wrapUp = second.getByRole('region', { name: 'Wrap-up' });
    await wrapUp.getByText('The call went to a colleague.').waitFor();
    await atDesk(second);
    await second.getByText('Your colleague took the call over.').waitFor();
    expect(await second.getByRole('region', { name: 'Call controls' }).count()).toBe(0);
    await wrapUp.getByRole('button', { name: 'Ready for the next call' }).click();
    await wrapUp.waitFor({ state: 'detached' });
    expect(commandsFor(callId).at(-1)).toBe('connect');
  }, 30_000);

  it('hangs up once; the wrap-up takes notes and holds the next call back until the agent is ready', async () => {
    const callId = commands[0]!.callId;
    await setAvailable(await atDesk(second), false);
    await atDesk(first);
    const hangUp = first.getByRole('region', { name: 'Call controls' }).getByRole('button', { name: 'Hang up' });
    await hangUp.click();
    await hangUp.click({ force: true, timeout: 2000 }).catch(() => undefined);
    await expect(hangUp.isDisabled()).resolves.toBe(true);
    await endCall(callId);
    const wrapUp = first.getByRole('region', { name: 'Wrap-up' });
    await wrapUp.getByText('No order was placed on this call.').waitFor();
    expect(commandsFor(callId).filter((command) => command === 'hangup')).toEqual(['hangup']);

    await wrapUp.getByLabel('Notes on this call').fill('Asked about delivery on Saturday; calls back next week.');
    await wrapUp.getByRole('button', { name: 'Save notes' }).click();
    await wrapUp.getByText('Notes saved.').waitFor();
    await first.screenshot({ path: join(SCREENSHOTS, 'desk-wrap-up.png') });
    const stored = await first.evaluate(async (id) => {
      const calls = (await (await fetch('/api/agent/calls')).json()) as { mine: Array<{ callId: string; notes: string | null }> };
      return calls.mine.find((call) => call.callId === id)?.notes;
    }, callId);
    expect(stored).toBe('Asked about delivery on Saturday; calls back next week.');

    // A call while the only available agent wraps up waits in the queue; Ready rings it at once.
    const next = await startCall('+8613800000012');
    await first.waitForTimeout(500);
    expect(await ringing(first).count()).toBe(0);
    await wrapUp.getByRole('button', { name: 'Ready for the next call' }).click();
    await ringing(first).getByText('Incoming call from +8613800000012').waitFor();
    await first.keyboard.press('Enter');
    await first.getByRole('region', { name: 'Call controls' }).waitFor();
    await endCall(next);
    await first.getByRole('button', { name: 'Ready for the next call' }).click();
  }, 40_000);

  it('stops ringing a desk that was closed, and signing out sets the agent unavailable', async () => {
    await setAvailable(await atDesk(first), true);
    await first.context().close();
    await setAvailable(await atDesk(second), true);
    const callId = await startCall('+8613800000013');
    await ringing(second).getByText('Incoming call from +8613800000013').waitFor({ timeout: 15_000 });
    await second.getByRole('button', { name: 'Answer (Enter)' }).click();
    await second.getByRole('region', { name: 'Call controls' }).waitFor();
    await endCall(callId);
    await second.getByRole('button', { name: 'Ready for the next call' }).click();

    await second.getByRole('button', { name: 'Sign out' }).click();
    await second.getByLabel('Username').fill(COLLEAGUE.username);
    await second.getByLabel('Password').fill(COLLEAGUE.password);
    await second.getByRole('button', { name: 'Sign in' }).click();
    await second.getByText('live: open').waitFor();
    await second.getByText('You signed out, so you were set unavailable.').waitFor();
    expect(await second.getByLabel('Available', { exact: true }).isChecked()).toBe(false);
    expect(pageErrors).toEqual([]);
  }, 40_000);
});
