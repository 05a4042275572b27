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
  beforeAll(() => setUpI18n('en'));
  afterEach(() => chooseLocale('en'));

  it('are translated by their code, in the chosen language; the English message is not shown', () => {
    const refusal = new ApiRequestError(402, 'INSUFFICIENT_FUNDS', 'wallet balance 10.00 CNY is below 59.00 CNY');
    expect(describeFailure(refusal)).toBe('The wallet balance is not enough.');
    chooseLocale('zh-CN');
    expect(currentLocale()).toBe('zh-CN');
    expect(describeFailure(refusal)).toBe('钱包余额不足。');
    expect(describeFailure(new ApiRequestError(502, 'HTTP_502', 'Bad Gateway'))).toBe('服务器拒绝了请求（502）。');
  });

  it('keep the code and message of a code this version does not know yet', () => {
    expect(describeFailure(new ApiRequestError(409, 'SOMETHING_NEW', 'a new refusal'))).toBe('SOMETHING_NEW: a new refusal');
    expect(i18next.exists('errors.SOMETHING_NEW')).toBe(false);
  });

  it('show money in the chosen locale through Intl', () => {
    expect(formatMoney({ amountMinor: 5900, currency: 'CNY' }, 'en')).toBe('CN¥59.00');
    expect(formatMoney({ amountMinor: 5900, currency: 'CNY' }, 'zh-CN')).toBe('¥59.00');
  });
});
