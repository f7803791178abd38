import { actingRole, assertRegistrationChartered, charterMajority, parseCharter, prefixHolder, type AllianceCharter } from './charter';
import { assertGtinBrandOwner, brandOwnerOf, companyPrefixDigits } from './company-prefix';
import { collectionsFor } from './data-levels';

const proposal = {
  regulator: 'RegulatorMSP',
  members: {
    ManufacturerMSP: { country: 'DE', roles: ['manufacturer'], companyPrefixes: ['9506000'] },
    Manufacturer2MSP: { country: 'DE', roles: ['manufacturer'], companyPrefixes: ['9507000'] },
    PlatformMSP: { country: 'CN', roles: ['platform', 'logistics'], companyPrefixes: ['6901234'] },
    RegulatorMSP: { country: 'CN', roles: ['regulator'] },
  },
};
const charter: AllianceCharter = { ...parseCharter(JSON.stringify(proposal)), version: 1 };

test('a charter is validated and kept in one order; prefixes default to none', () => {
  expect(charter.members.RegulatorMSP).toEqual({ country: 'CN', roles: ['regulator'], companyPrefixes: [] });
  expect(Object.keys(charter.members)).toEqual(['Manufacturer2MSP', 'ManufacturerMSP', 'PlatformMSP', 'RegulatorMSP']);
  expect(charter.members.PlatformMSP.roles).toEqual(['logistics', 'platform']);
});

test.each([
  ['not json', /^INVALID_CHARTER: the charter is not JSON/],
  [JSON.stringify({ ...proposal, regulator: 'ManufacturerMSP' }), /^INVALID_CHARTER: the regulator ManufacturerMSP must be the one member granted the regulator role \(granted to: RegulatorMSP\)/],
  [JSON.stringify({ ...proposal, members: { ...proposal.members, PlatformMSP: { country: 'CN', roles: ['regulator'] } } }), /granted to: PlatformMSP, RegulatorMSP/],
  [JSON.stringify({ ...proposal, members: { ...proposal.members, PlatformMSP: { country: 'CN', roles: ['platform'], companyPrefixes: ['95060001'] } } }), /company prefix 95060001 \(PlatformMSP\) overlaps 9506000 \(ManufacturerMSP\)/],
  [JSON.stringify({ ...proposal, members: { ...proposal.members, PlatformMSP: { country: 'CN', roles: ['mover'] } } }), /^INVALID_CHARTER: members\.PlatformMSP\.roles\.0: /],
  [JSON.stringify({ ...proposal, members: { ...proposal.members, PlatformMSP: { country: 'CN', roles: ['platform'], companyPrefixes: ['12'] } } }), /4 to 12 digits/],
  [JSON.stringify({ ...proposal, members: { ...proposal.members, PlatformMSP: { roles: ['platform'] } } }), /members\.PlatformMSP\.country: /],
  [JSON.stringify({ ...proposal, members: { ...proposal.members, PlatformMSP: { country: 'CN', roles: ['platform'], companyPrefixes: Array.from({ length: 101 }, (_, i) => String(10000 + i)) } } }), /companyPrefixes: /],
  [JSON.stringify({ ...proposal, members: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`M${i}MSP`, { country: 'CN', roles: ['platform'] }])) }), /at most 100 members/],
])('a charter that cannot stand is refused: %s', (json, why) => {
  expect(() => parseCharter(json)).toThrow(why);
});

test("the certificate's role attribute only chooses among the roles the charter grants", () => {
  expect(actingRole(charter, 'PlatformMSP', 'logistics')).toBe('logistics');
  expect(actingRole(charter, 'ManufacturerMSP', undefined)).toBe('manufacturer');
  expect(() => actingRole(charter, 'ManufacturerMSP', 'regulator')).toThrow("ROLE_NOT_GRANTED: the alliance charter grants ManufacturerMSP manufacturer, not 'regulator'");
  expect(() => actingRole(charter, 'PlatformMSP', undefined)).toThrow("ROLE_NOT_GRANTED: PlatformMSP holds logistics, platform: the certificate's role attribute must choose one");
  expect(() => actingRole(charter, 'StrangerMSP', 'platform')).toThrow('ROLE_NOT_GRANTED: the alliance charter grants StrangerMSP no role');
  expect(() => assertRegistrationChartered(charter, 'ManufacturerMSP', { country: 'DE', roles: ['manufacturer', 'customs'] })).toThrow(
    'ROLE_NOT_GRANTED: the alliance charter grants ManufacturerMSP manufacturer, not customs',
  );
  expect(() => assertRegistrationChartered(charter, 'ManufacturerMSP', { country: 'CN', roles: ['manufacturer'] })).toThrow(
    'INVALID_ENTERPRISE: the alliance charter places ManufacturerMSP in DE, not CN',
  );
  expect(() => assertRegistrationChartered(charter, 'StrangerMSP', { country: 'CN', roles: ['platform'] })).toThrow(/^ROLE_NOT_GRANTED: .* StrangerMSP no role/);
});

test('a majority of the members changes the charter', () => {
  expect(charterMajority(charter)).toEqual({ required: 3, mspIds: ['Manufacturer2MSP', 'ManufacturerMSP', 'PlatformMSP', 'RegulatorMSP'] });
  expect(charterMajority({ regulator: 'R', members: { R: { country: 'CN', roles: ['regulator'], companyPrefixes: [] } } }).required).toBe(1);
});

test('a GS1 key belongs to the holder of its company prefix, wherever the prefix starts in the key', () => {
  expect(companyPrefixDigits('https://id.gs1.org/01/09506000134352/21/S1')).toBe('9506000134352');
  expect(companyPrefixDigits('https://id.gs1.org/00/395070001234567894')).toBe('95070001234567894');
  expect(companyPrefixDigits('https://id.gs1.org/417/6901234000017')).toBe('6901234000017');
  expect(companyPrefixDigits('urn:example:item:1')).toBeUndefined();
  expect(brandOwnerOf(charter, 'https://id.gs1.org/01/09506000134352/21/S1')).toBe('ManufacturerMSP');
  expect(brandOwnerOf(charter, 'https://id.gs1.org/00/395070001234567894')).toBe('Manufacturer2MSP');
  expect(brandOwnerOf(charter, 'https://id.gs1.org/417/6901234000017')).toBe('PlatformMSP');
  expect(brandOwnerOf(charter, 'https://id.gs1.org/01/04012345000009')).toBeUndefined();
  expect(() => assertGtinBrandOwner(charter, '09507000000001', 'Manufacturer2MSP')).not.toThrow();
  expect(() => assertGtinBrandOwner(charter, '09507000000001', 'ManufacturerMSP')).toThrow(
    "NOT_BRAND_OWNER: GTIN 09507000000001 is not under a company prefix of ManufacturerMSP in the alliance charter: its company prefix is Manufacturer2MSP's",
  );
  expect(() => assertGtinBrandOwner(charter, '04000000000006', 'ManufacturerMSP')).toThrow(/no member holds its company prefix/);
  expect(prefixHolder(charter, '950')).toBeUndefined();
});

test('the collections config follows the charter: one per recording member and level, never shared with a rival', () => {
  const collections = collectionsFor(charter);
  expect(collections.map((c) => c.name)).toEqual([
    'productionData-Manufacturer2MSP',
    'productionData-ManufacturerMSP',
    'transportData-PlatformMSP',
    'platformTransactionData-PlatformMSP',
    'customsDeclarationData-PlatformMSP',
  ]);
  expect(collections[1]).toMatchObject({
    policy: "OR('ManufacturerMSP.member', 'RegulatorMSP.member')",
    endorsementPolicy: { signaturePolicy: "AND('ManufacturerMSP.peer', 'RegulatorMSP.peer')" },
    memberOnlyRead: true,
    memberOnlyWrite: true,
  });
  expect(collections[2].policy).toBe("OR('PlatformMSP.member', 'RegulatorMSP.member')");
});
