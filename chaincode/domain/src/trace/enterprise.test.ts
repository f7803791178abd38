import { canonicalJson } from './canonical-json';
import { assertActsAs, parseEnterpriseRegistration, registeredEnterprise, type Enterprise } from './enterprise';

test('canonical JSON sorts keys at every depth and drops undefined', () => {
  expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1}');
});

test('a registration is validated, its roles deduplicated and sorted', () => {
  expect(parseEnterpriseRegistration('{"name":" Acme ","country":"CN","roles":["platform","logistics","platform"]}')).toEqual({
    name: 'Acme',
    country: 'CN',
    roles: ['logistics', 'platform'],
  });
  expect(() => parseEnterpriseRegistration('{"name":"Acme","country":"CN","roles":[],"extra":1}')).toThrow(
    /^INVALID_ENTERPRISE: roles: .*; \(root\): /,
  );
  expect(() => parseEnterpriseRegistration('not json')).toThrow(/^INVALID_ENTERPRISE: the registration is not JSON/);
});

test('a new registration keeps a suspension; acting needs an active enterprise holding the role', () => {
  const suspended: Enterprise = { mspId: 'LogisticsMSP', name: 'L', country: 'DE', roles: ['logistics'], status: 'suspended' };
  const again = registeredEnterprise('LogisticsMSP', { name: 'L2', country: 'DE', roles: ['logistics'] }, suspended);
  expect(again.status).toBe('suspended');
  expect(() => assertActsAs(again, 'LogisticsMSP', 'logistics')).toThrow('ENTERPRISE_SUSPENDED: L2 (LogisticsMSP) is suspended');
  const active = { ...again, status: 'active' as const };
  expect(() => assertActsAs(active, 'LogisticsMSP', 'logistics')).not.toThrow();
  expect(() => assertActsAs(active, 'LogisticsMSP', 'customs')).toThrow('ROLE_NOT_AUTHORISED: L2 (LogisticsMSP) is registered as logistics, not customs');
  expect(() => assertActsAs(undefined, 'OtherMSP', 'customs')).toThrow('UNKNOWN_ENTERPRISE: no enterprise is registered for OtherMSP');
});
