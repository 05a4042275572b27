import { codeInText } from './sign-in-code';

describe('sign-in codes in texts', () => {
  it('finds the six-digit code, and nothing in a text without one', () => {
    expect(codeInText('Your callcart code is 042917. It expires in 5 minutes.')).toBe('042917');
    expect(codeInText('no code here 12345, nor 1234567')).toBeUndefined();
  });
});
