import { userAttributes } from './user-attributes';

test('attributes are name=value pairs; a role must be an alliance role', () => {
  expect(userAttributes(['role=customs', 'dept=QC=2'])).toEqual({ role: 'customs', dept: 'QC=2' });
  expect(userAttributes([])).toEqual({});
  expect(() => userAttributes(['role=inspector'])).toThrow("role 'inspector' is not an alliance role: use one of manufacturer, platform, logistics, customs, regulator");
  expect(userAttributes(['role=financier', 'financier=bank-a'])).toEqual({ role: 'financier', financier: 'bank-a' });
  expect(() => userAttributes(['=x'])).toThrow('--attr wants name=value, got =x');
});
