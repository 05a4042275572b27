import { changeBody } from './staff-accounts.view';

describe('changeBody (staff)', () => {
  it('sends only the confirmed change', () => {
    expect(changeBody({ staffId: 's', kind: 'role', role: 'admin' })).toEqual({ role: 'admin' });
    expect(changeBody({ staffId: 's', kind: 'active', active: false })).toEqual({ active: false });
    expect(changeBody({ staffId: 's', kind: 'password', password: 'a long new password' })).toEqual({ password: 'a long new password' });
  });
});
