import { parseConnectionInfo } from './connection-info';

function sample() {
  return {
    kind: 'devnet',
    pid: 4242,
    channels: ['alliance', 'public'],
    orderer: { mspId: 'OrdererMSP', endpoint: '127.0.0.1:7050', hostname: 'orderer0.orderer.trace.local', tlsCaCertPath: '/o/ca.pem' },
    orgs: [
      {
        name: 'Manufacturer',
        mspId: 'ManufacturerMSP',
        peer: { endpoint: '127.0.0.1:7051', hostname: 'peer0.manufacturer.trace.local', tlsCaCertPath: '/m/tlsca.pem' },
        admin: { certPath: '/m/admin/msp/signcerts/cert.pem', keyPath: '/m/admin/msp/keystore/key.pem' },
        users: [
          {
            name: 'User1',
            certPath: '/m/user1/msp/signcerts/cert.pem',
            keyPath: '/m/user1/msp/keystore/key.pem',
            attrs: { role: 'manufacturer' },
          },
        ],
      },
    ],
    chaincodes: [{ name: 'conformance', channels: ['alliance', 'public'] }],
  };
}

test('the documented format is accepted as is', () => {
  const json = sample();
  expect(parseConnectionInfo(json, 'connection.json')).toEqual(json);
});

test('real Fabric mode writes the same format with kind "fabric"', () => {
  expect(parseConnectionInfo({ ...sample(), kind: 'fabric' }, 'c.json').kind).toBe('fabric');
});

test.each([
  ['an unknown kind', (j: ReturnType<typeof sample>) => Object.assign(j, { kind: 'docker' }), 'c.json: kind must be "devnet" or "fabric"'],
  ['a fractional pid', (j: ReturnType<typeof sample>) => Object.assign(j, { pid: 1.5 }), 'c.json: pid must be an integer'],
  ['a peer without host name', (j: ReturnType<typeof sample>) => Object.assign(j.orgs[0].peer, { hostname: '' }), 'c.json: orgs[0].peer.hostname must be a non-empty string'],
  ['a user without key', (j: ReturnType<typeof sample>) => Object.assign(j.orgs[0].users[0], { keyPath: undefined }), 'c.json: orgs[0].users[0].keyPath must be a non-empty string'],
  ['a non-string attribute', (j: ReturnType<typeof sample>) => Object.assign(j.orgs[0].users[0].attrs, { level: 3 }), 'c.json: orgs[0].users[0].attrs.level must be a non-empty string'],
  ['a missing orderer', (j: ReturnType<typeof sample>) => Object.assign(j, { orderer: null }), 'c.json: orderer must be an object'],
  ['chaincodes not a list', (j: ReturnType<typeof sample>) => Object.assign(j, { chaincodes: {} }), 'c.json: chaincodes must be an array'],
])('%s is refused with the field named', (_what, spoil, message) => {
  const json = sample();
  spoil(json);
  expect(() => parseConnectionInfo(json, 'c.json')).toThrow(message);
});
