import { eventHashIdentifier, gtinOf, IdentifierError, normalizeIdentifier } from './identifiers';

describe('EPC pure-identity URNs become canonical Digital Links', () => {
  test.each([
    ['urn:epc:id:sgtin:4012345.012345.12', 'https://id.gs1.org/01/04012345123456/21/12'],
    ['urn:epc:id:sgtin:0614141.107346.2017', 'https://id.gs1.org/01/10614141073464/21/2017'],
    ['urn:epc:id:sscc:4012345.0000000333', 'https://id.gs1.org/00/040123450000003338'],
    ['urn:epc:id:sscc:4012345.1112223334', 'https://id.gs1.org/00/140123451122233341'],
    ['urn:epc:id:sgln:4012345.00011.987', 'https://id.gs1.org/414/4012345000115/254/987'],
    ['urn:epc:id:sgln:4012345.00011.0', 'https://id.gs1.org/414/4012345000115'],
    ['urn:epc:id:grai:4012345.66666.87', 'https://id.gs1.org/8003/0401234566666387'],
    ['urn:epc:id:giai:4012345.AAbb', 'https://id.gs1.org/8004/4012345AAbb'],
    ['urn:epc:id:gsrn:4012345.9876540000', 'https://id.gs1.org/8018/401234598765400000'],
    ['urn:epc:id:gsrnp:4012345.0000098765', 'https://id.gs1.org/8017/401234500000987658'],
    ['urn:epc:id:gdti:4012345.55555.98', 'https://id.gs1.org/253/401234555555498'],
    ['urn:epc:id:cpi:4012345.ABC.123', 'https://id.gs1.org/8010/4012345ABC/8011/123'],
    ['urn:epc:id:cpi:4012345.A%2FB%23C.1', 'https://id.gs1.org/8010/4012345A%2FB%23C/8011/1'],
    ['urn:epc:id:sgcn:4012345.99999.44', 'https://id.gs1.org/255/401234599999044'],
    ['urn:epc:id:ginc:4012345.333', 'https://id.gs1.org/401/4012345333'],
    ['urn:epc:id:gsin:4012345.999987654', 'https://id.gs1.org/402/40123459999876541'],
    ['urn:epc:id:itip:4012345.012345.01.02.999', 'https://id.gs1.org/8006/040123451234560102/21/999'],
    ['urn:epc:id:upui:4012345.012345.AB12', 'https://id.gs1.org/01/04012345123456/235/AB12'],
    ['urn:epc:id:pgln:4012345.00000', 'https://id.gs1.org/417/4012345000009'],
  ])('%s', (urn, link) => {
    expect(normalizeIdentifier(urn)).toBe(link);
  });

  test('URN escapes are decoded, then percent-encoded the Digital Link way', () => {
    expect(normalizeIdentifier("urn:epc:id:sgtin:4012345.012345.A%2FB%22c'(x)")).toBe(
      'https://id.gs1.org/01/04012345123456/21/A%2FB%22c%27%28x%29',
    );
  });
});

describe('EPC class URNs and serial patterns', () => {
  test.each([
    ['urn:epc:class:lgtin:4054739.099914.20160711', 'https://id.gs1.org/01/04054739999148/10/20160711'],
    ['urn:epc:class:lgtin:4012345.099988.2014-02-10', 'https://id.gs1.org/01/04012345999884/10/2014-02-10'],
    ['urn:epc:idpat:sgtin:4054739.099914.*', 'https://id.gs1.org/01/04054739999148'],
    ['urn:epc:idpat:grai:4012345.66666.*', 'https://id.gs1.org/8003/04012345666663'],
    ['urn:epc:idpat:gdti:4012345.55555.*', 'https://id.gs1.org/253/4012345555554'],
    ['urn:epc:idpat:sgcn:4012345.99999.*', 'https://id.gs1.org/255/4012345999990'],
    ['urn:epc:idpat:cpi:4012345.ABC.*', 'https://id.gs1.org/8010/4012345ABC'],
    ['urn:epc:idpat:itip:4012345.012345.01.02.*', 'https://id.gs1.org/8006/040123451234560102'],
  ])('%s', (urn, link) => {
    expect(normalizeIdentifier(urn)).toBe(link);
  });
});

describe('Digital Links on any host', () => {
  test.each([
    ['https://id.gs1.org/00/040123450000003338', 'https://id.gs1.org/00/040123450000003338'],
    ['https://id.example.com/8003/040123450007718765', 'https://id.gs1.org/8003/040123450007718765'],
    ['http://example.org/shop/01/4012345123456/21/9?linkType=all#top', 'https://id.gs1.org/01/04012345123456/21/9'],
    ['https://example.org/01/96385074', 'https://id.gs1.org/01/00000096385074'],
    ['https://example.org/01/04012345123456/21/S1/10/L1/22/V', 'https://id.gs1.org/01/04012345123456/22/V/10/L1/21/S1'],
    ['https://example.org/414/4012345000115/254/a%2Fb/', 'https://id.gs1.org/414/4012345000115/254/a%2Fb'],
    ['https://id.gs1.org/8010/4012345ABC/8011/123', 'https://id.gs1.org/8010/4012345ABC/8011/123'],
  ])('%s', (uri, link) => {
    expect(normalizeIdentifier(uri)).toBe(link);
  });
});

test.each([
  'urn:example:thing:1',
  'https://example.com/x',
  'http://transaction.acme.com/po/12345678',
  'urn:epcglobal:cbv:bt:4012345000009:ASN1099',
  'geo:47.506694,11.104301',
  'urn:epc:id:gid:95100000.12345.400',
])('%s is not a GS1 key and stays as it is', (uri) => {
  expect(normalizeIdentifier(uri)).toBe(uri);
});

describe('malformed GS1 identifiers are refused', () => {
  test.each([
    ['https://id.gs1.org/01/04012345123457', /wrong check digit in GTIN/],
    ['https://example.com/414/4012345000116', /wrong check digit in GLN/],
    ['https://example.com/00/04012345000000333', /malformed SSCC/],
    ['https://example.com/01/04012345123456/17/200101', /not a key qualifier/],
    ['https://example.com/01/04012345123456/21/1/21/2', /appears twice/],
    ['https://example.com/01/04012345123456/21/%E0%A4%A', /bad percent-encoding/],
    ['urn:epc:id:sgtin:4012345.0123456.1', /13 digits together/],
    ['urn:epc:id:sgtin:40123.0123456.1', /company prefix must be 6 to 12 digits/],
    ['urn:epc:id:sgtin:4012345.012345', /expected 3 dot-separated components/],
    ['urn:epc:id:sgtin:4012345.012345.', /empty serial/],
    ['urn:epc:id:sgtin:4012345.012345.123456789012345678901', /malformed serial number/],
    ['urn:epc:id:widget:4012345.1', /unknown GS1 EPC scheme "widget"/],
    ['urn:epc:class:foo:4012345.012345.1', /unknown EPC class scheme/],
    ['urn:epc:idpat:sgtin:4012345.*.*', /sole wildcard is the serial/],
    ['urn:epc:idpat:gsrn:4012345.*', /sole wildcard is the serial/],
    ['urn:epc:id:itip:4012345.012345.1.02.999', /piece and total/],
  ])('%s', (identifier, problem) => {
    let thrown: unknown;
    try {
      normalizeIdentifier(identifier);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(IdentifierError);
    expect((thrown as IdentifierError).identifier).toBe(identifier);
    expect((thrown as IdentifierError).message).toMatch(problem);
  });
});

test('an identifier read again answers alike, in both forms, and a refused one is refused every time', () => {
  const uri = 'https://brand.example/01/4012345123456/10/L7/21/12?17=260101';
  for (let read = 0; read < 2; read++) {
    expect(normalizeIdentifier(uri)).toBe('https://id.gs1.org/01/04012345123456/10/L7/21/12');
    expect(eventHashIdentifier(uri)).toBe('https://id.gs1.org/01/04012345123456/21/12');
    expect(() => normalizeIdentifier('https://id.gs1.org/01/04012345123457')).toThrow(/wrong check digit in GTIN/);
  }
});

test.each([
  'https://id.example.com/8003/030013450007718765',
  'https://id.example.com/8003/952012200000001004',
])('an asset identifier that breaks the GS1 rules (%s) is kept as written, not refused', (uri) => {
  expect(normalizeIdentifier(uri)).toBe(uri);
});

test('gtinOf finds the GTIN of item, lot and Digital Link identifiers only', () => {
  expect(gtinOf('urn:epc:id:sgtin:0614141.107346.2017')).toBe('10614141073464');
  expect(gtinOf('urn:epc:class:lgtin:4054739.099914.20160711')).toBe('04054739999148');
  expect(gtinOf('https://example.com/01/96385074/10/L1')).toBe('00000096385074');
  expect(gtinOf('urn:epc:id:sscc:4012345.0000000333')).toBeUndefined();
  expect(gtinOf('urn:example:x')).toBeUndefined();
});

describe('Digital Links with the short names of GS1 Digital Link 1.x', () => {
  test.each([
    ['https://id.gs1.org/gtin/09780345418913', 'https://id.gs1.org/01/09780345418913'],
    ['http://id.gs1.org/gtin/9780345418913', 'https://id.gs1.org/01/09780345418913'],
    ['https://example.com/gtin/09780345418913/21/765tz?abc=211121', 'https://id.gs1.org/01/09780345418913/21/765tz'],
    ['https://ean-13.example/gtin/4012345123456/ser/ABC524', 'https://id.gs1.org/01/04012345123456/21/ABC524'],
    ['https://shop.example/p/gtin/04012345123456/lot/L1/cpv/V?exp=261231#x', 'https://id.gs1.org/01/04012345123456/22/V/10/L1'],
    ['https://example.com/sscc/040123450000003338', 'https://id.gs1.org/00/040123450000003338'],
    ['https://example.co.uk/party/4226350800008', 'https://id.gs1.org/417/4226350800008'],
    ['https://example.com/gln/4012345000115/glnx/987', 'https://id.gs1.org/414/4012345000115/254/987'],
    ['http://fashion.example/itip/040123451234560102/ser/ABC145', 'https://id.gs1.org/8006/040123451234560102/21/ABC145'],
    ['https://example.com/cpid/4012345ABC/cpsn/123', 'https://id.gs1.org/8010/4012345ABC/8011/123'],
  ])('%s', (uri, link) => {
    expect(normalizeIdentifier(uri)).toBe(link);
  });

  test('a short name that breaks the rules is refused like its AI', () => {
    expect(() => normalizeIdentifier('https://example.com/gtin/04012345123457')).toThrow(/wrong check digit in GTIN/);
    expect(() => normalizeIdentifier('https://example.com/gtin/04012345123456/party/4226350800008')).toThrow(/AI 417 is not a key qualifier of AI 01/);
  });

  test('a path word that is no key, or a key word with no value after it, is no Digital Link', () => {
    expect(normalizeIdentifier('https://example.com/gtin')).toBe('https://example.com/gtin');
    expect(normalizeIdentifier('https://example.com/lot/L1')).toBe('https://example.com/lot/L1');
    expect(normalizeIdentifier('https://crm.example/party/9')).toBe('https://crm.example/party/9');
    expect(normalizeIdentifier('https://crm.example/party/9/gtin/4012345123456')).toBe('https://id.gs1.org/01/04012345123456');
  });
});

describe('what the CBV 2.0 Event Hash ID compares', () => {
  test.each([
    ['https://id.gs1.org/01/09780345418913/22/344/10/1223/21/765tz', 'https://id.gs1.org/01/09780345418913/21/765tz'],
    ['https://id.gs1.org/gtin/9780345418913/cpv/344', 'https://id.gs1.org/01/09780345418913'],
    ['http://example.de/01/614141000036/cpv/344/lot/ABD', 'https://id.gs1.org/01/00614141000036/10/ABD'],
    ['https://fashion-corp.example/8006/040123451234560102/22/AB/21/443322', 'https://id.gs1.org/8006/040123451234560102/21/443322'],
    ['https://fashion-corp.example/8006/040123451234560102/10/Lot-123/21/ser987', 'https://id.gs1.org/8006/040123451234560102/21/ser987'],
    ['https://example.com/414/4012345000115/254/987', 'https://id.gs1.org/414/4012345000115/254/987'],
    ['https://example.com/8018/401234598765400000/8019/5', 'https://id.gs1.org/8018/401234598765400000'],
    ['urn:epc:id:sgtin:4012345.012345.12', 'https://id.gs1.org/01/04012345123456/21/12'],
    ['urn:example:thing:1', 'urn:example:thing:1'],
  ])('%s', (uri, link) => {
    expect(eventHashIdentifier(uri)).toBe(link);
  });
});

// Parsing is linear in the identifier's length. Nothing here times it (speed belongs to the benchmark); the quadratic
// search these inputs once met ran for 14 s and more, past jest's 5 s test timeout.
describe('a path of many AI-like segments is read once, to an answer', () => {
  test('48,000 AI-like segments: a GTIN that is not one', () => {
    const uri = `https://x.example/${'01/'.repeat(48_000)}`;
    for (const read of [normalizeIdentifier, eventHashIdentifier]) {
      expect(() => read(uri)).toThrow(IdentifierError);
      expect(() => read(uri)).toThrow(/^malformed GTIN \(AI 01\) "01": https:\/\/x\.example\/01\/01\//);
    }
  });

  test.each([
    ['AI-like segments ending in a non-AI pair', `https://x.example/${'01/'.repeat(48_000)}x/y`],
    ['short names ending in a non-AI pair', `https://x.example/${'gtin/'.repeat(30_000)}x/y`],
  ])('%s: no Digital Link, a URI of its own, kept as written', (_name, uri) => {
    expect(normalizeIdentifier(uri)).toBe(uri);
    expect(eventHashIdentifier(uri)).toBe(uri);
  });
});
