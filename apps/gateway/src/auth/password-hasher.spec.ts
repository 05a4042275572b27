import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './password-hasher';

describe('staff password hashing', () => {
  it('salts every hash and verifies only the right password', async () => {
    const [one, two] = [await hashPassword('correct horse battery'), await hashPassword('correct horse battery')];
    expect(one).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(one).not.toBe(two);
    await expect(verifyPassword('correct horse battery', one)).resolves.toBe(true);
    await expect(verifyPassword('correct horse batterz', one)).resolves.toBe(false);
  });

  it('never matches a malformed or dummy hash', async () => {
    await expect(verifyPassword('anything', 'plaintext')).resolves.toBe(false);
    await expect(verifyPassword('anything', 'scrypt$1$2$3$AAAA$AAAA')).resolves.toBe(false);
    await expect(verifyPassword('', DUMMY_PASSWORD_HASH)).resolves.toBe(false);
  });
});
