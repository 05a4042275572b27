/** @jest-environment jsdom */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { chooseLocale, setUpI18n } from '../i18n/i18n.setup';
import { CustomerSignIn } from './customer-sign-in.view';

setUpI18n('en');

/** The gateway as the page sees it: each call answered in turn, every request kept. */
function fakeGateway(answers: Array<{ status: number; body: unknown }>) {
  const requests: Array<{ path: string; body: unknown }> = [];
  globalThis.fetch = (async (path: string, init?: { body?: string }) => {
    requests.push({ path, body: init?.body ? JSON.parse(init.body) : undefined });
    const answer = answers.shift() ?? { status: 500, body: { code: 'INTERNAL', message: 'no answer left' } };
    return { ok: answer.status < 400, status: answer.status, statusText: '', text: async () => JSON.stringify(answer.body) };
  }) as unknown as typeof fetch;
  return requests;
}
const sent = (resendInMs: number) => ({
  status: 200,
  body: { phone: '+8613800138000', expiresAt: new Date(Date.now() + 300_000).toISOString(), resendAfter: new Date(Date.now() + resendInMs).toISOString() },
});

async function sendCode(phone = '138 0013 8000') {
  fireEvent.change(screen.getByLabelText('Phone number'), { target: { value: phone } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Text me a code' }));
  });
}

describe('<CustomerSignIn>', () => {
  afterEach(() => chooseLocale('en'));

  it('says what it is for, then waits out the resend pause with a countdown instead of a button', async () => {
    const requests = fakeGateway([sent(60_000)]);
    render(<CustomerSignIn onSignedIn={() => undefined} />);
    expect(screen.getByRole('heading', { name: 'Sign in to your shop' })).toBeTruthy();
    expect(document.title).toBe('Sign in · My shop');
    await sendCode();
    expect(requests).toEqual([{ path: '/api/auth/customer/request-code', body: { phone: '138 0013 8000' } }]);
    expect(screen.getByRole('status').textContent).toMatch(/^We sent a code to \+8613800138000\. It works until /);
    expect(screen.getByRole('timer', { name: 'You can ask for a new code in' }).textContent).toMatch(/1:00|0:59/);
    expect(screen.queryByRole('button', { name: 'Send the code again' })).toBeNull();
    expect(document.title).toBe('Enter your code · My shop');
  });

  it('sends the code again once allowed, and signs in with the code', async () => {
    const signedIn: unknown[] = [];
    const requests = fakeGateway([sent(-1), sent(60_000), { status: 200, body: { kind: 'customer', customerId: 'c-1', phone: '+8613800138000' } }]);
    render(<CustomerSignIn onSignedIn={(principal) => signedIn.push(principal)} />);
    await sendCode();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Send the code again' }));
    });
    expect(screen.queryByRole('button', { name: 'Send the code again' })).toBeNull();
    fireEvent.change(screen.getByLabelText('The 6-digit code'), { target: { value: '123456' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    });
    expect(requests.map((request) => request.path)).toEqual(['/api/auth/customer/request-code', '/api/auth/customer/request-code', '/api/auth/customer/verify-code']);
    expect(requests[2].body).toEqual({ phone: '138 0013 8000', code: '123456' });
    expect(signedIn).toEqual([{ kind: 'customer', customerId: 'c-1', phone: '+8613800138000' }]);
  });

  it('counts down the wait the sign-in limits give, and keeps the send button off until then', async () => {
    fakeGateway([{ status: 429, body: { code: 'RATE_LIMITED', message: 'too many attempts: try again in 240 s', retryAfterSeconds: 240 } }]);
    render(<CustomerSignIn onSignedIn={() => undefined} />);
    await sendCode();
    expect(screen.getByRole('alert').textContent).toBe('Too many tries: wait a little and try again.');
    expect(screen.getByRole('timer', { name: 'You can ask for a new code in' }).textContent).toMatch(/4:00|3:59/);
    expect((screen.getByRole('button', { name: 'Text me a code' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('says a refused send in words, in Chinese too', async () => {
    chooseLocale('zh-CN');
    fakeGateway([{ status: 429, body: { code: 'RATE_LIMITED', message: 'at most 5 codes an hour for one number from one address' } }]);
    render(<CustomerSignIn onSignedIn={() => undefined} />);
    fireEvent.change(screen.getByLabelText('手机号码'), { target: { value: '138 0013 8000' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '发送验证码' }));
    });
    expect(screen.getByRole('alert').textContent).not.toMatch(/RATE_LIMITED|codes an hour/);
    expect(screen.getByRole('alert').textContent?.length).toBeGreaterThan(3);
    expect(document.title).toBe('登录 · 我的商店');
  });
});
