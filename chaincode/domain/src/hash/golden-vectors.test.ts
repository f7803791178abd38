import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventsOfDocument } from './epcis-document';
import { eventHashId } from './event-hash';
import { preHashString } from './pre-hash';

/** The GS1 reference vectors: X.jsonld documents with one expected pre-hash and hash line per event. */
const VECTORS = join(__dirname, '..', '..', '..', '..', '..', 'shared', 'corpus', 'epcis-hash-vectors');

const lines = (path: string): string[] => readFileSync(path, 'utf8').split('\n').map((line) => line.replace(/\r$/, ''));
const optionalLines = (path: string): string[] | undefined => {
  try {
    return lines(path);
  } catch {
    return undefined;
  }
};

const cases = readdirSync(VECTORS)
  .filter((file) => file.endsWith('.jsonld'))
  .map((file) => file.slice(0, -'.jsonld'.length))
  .sort()
  .flatMap((stem) => {
    const document = JSON.parse(readFileSync(join(VECTORS, `${stem}.jsonld`), 'utf8')) as Record<string, unknown>;
    const { events, context, options } = eventsOfDocument(document);
    const preHashes = optionalLines(join(VECTORS, `${stem}.prehashes`));
    const hashes = lines(join(VECTORS, `${stem}.hashes`));
    return events.map((event, index) => ({ name: `${stem}[${index}]`, event, context, options, preHash: preHashes?.[index], hash: hashes[index] }));
  });

test('the vector corpus is present', () => {
  expect(cases.length).toBeGreaterThan(0);
});

/** The ID a corpus pre-hash line itself hashes to, to tell a sound line from a damaged one. */
const idOfLine = (line: string): string => `ni:///sha-256;${createHash('sha256').update(line, 'utf8').digest('hex')}?ver=CBV2.0`;

describe.each(cases)('$name', ({ event, context, options, preHash, hash }) => {
  test('event hash ID', () => {
    expect(eventHashId(event, context, options)).toBe(hash);
  });

  if (preHash !== undefined && idOfLine(preHash) === hash) {
    test('pre-hash string', () => {
      expect(preHashString(event, context, options)).toBe(preHash);
    });
  } else if (preHash !== undefined) {
    // A damaged line cannot be the pre-image of its own hash; the hash line stays authoritative.
    test('corpus pre-hash line does not hash to its ID, so ours must differ from it', () => {
      expect(preHashString(event, context, options)).not.toBe(preHash);
    });
  }
});
