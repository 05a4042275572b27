import i18next from 'i18next';
import { ApiRequestError } from '../shared/api.client';
import { formatMoney } from '../shared/money.format';
import { chooseLocale, currentLocale, describeFailure, initialLocale, LOCALE_STORAGE_KEY, localeForBrowser, setUpI18n } from './i18n.setup';

const storage = (value: string | null) => ({ getItem: (key: string) => (key === LOCALE_STORAGE_KEY ? value : null) });

describe('choosing the language', () => {
  it('follows the browser (any zh variant is Chinese), unless a choice is remembered', () => {
    expect(localeForBrowser(['zh-TW', 'en'])).toBe('zh-CN');
    expect(localeForBrowser(['en-GB', 'zh-CN'])).toBe('zh-CN');
    expect(localeForBrowser(['de-DE', 'en'])).toBe('en');
    expect(initialLocale(storage(null), ['zh-CN'])).toBe('zh-CN');
    expect(initialLocale(storage('en'), ['zh-CN'])).toBe('en');
    expect(initialLocale(storage('fr'), ['zh-CN'])).toBe('zh-CN');
    expect(initialLocale(null, [])).toBe('en');
  });
});

describe('server refusals for people', () => {
  // Refusals go to the console for whoever reads logs: kept out of the test output, and checked.
  let warn: jest.SpyInstance;
  beforeAll(() => setUpI18n('en'));
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    warn.mockRestore();
    chooseLocale('en');
  });

  it('are translated by their code, in the chosen language; the English message is not shown', () => {
    const refusal = new ApiRequestError(402, 'INSUFFICIENT_FUNDS', 'wallet balance 10.00 CNY is below 59.00 CNY');
    expect(describeFailure(refusal)).toBe('The wallet balance is not enough.');
    chooseLocale('zh-CN');
    expect(currentLocale()).toBe('zh-CN');
    expect(describeFailure(refusal)).toBe('钱包余额不足。');
    expect(describeFailure(new ApiRequestError(502, 'HTTP_502', 'Bad Gateway'))).toBe('服务器拒绝了请求（502）。');
  });

  it('say a code this version does not know yet as a general sentence, the code going to the console only', () => {
    expect(describeFailure(new ApiRequestError(409, 'SOMETHING_NEW', 'a new refusal'))).toBe('That did not work. Try again; if it keeps failing, tell an admin.');
    expect(i18next.exists('errors.SOMETHING_NEW')).toBe(false);
    expect(warn).toHaveBeenCalledWith('callcart: 409 SOMETHING_NEW: a new refusal');
    expect(describeFailure(new TypeError('x is undefined'))).not.toContain('undefined');
  });

  it('show money in the chosen locale through Intl', () => {
    expect(formatMoney({ amountMinor: 5900, currency: 'CNY' }, 'en')).toBe('CN¥59.00');
    expect(formatMoney({ amountMinor: 5900, currency: 'CNY' }, 'zh-CN')).toBe('¥59.00');
  });
});
