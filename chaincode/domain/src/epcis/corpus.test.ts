import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { normalizeEvent } from './normalize';
import { parseEpcisDocument } from './validate';

/** GS1 EPCIS 2.0 capture documents from openepcis-test-resources, kept beside the project (see its README). */
const CORPUS = resolve(__dirname, '../../../../../shared/corpus/epcis-capture');

const documents = ['Documents', 'Events'].flatMap((folder) =>
  readdirSync(join(CORPUS, folder))
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => `${folder}/${name}`),
);

test('the corpus is where the project expects it', () => {
  expect(documents).toHaveLength(43);
});

describe.each(documents)('%s', (file) => {
  const json: unknown = JSON.parse(readFileSync(join(CORPUS, file), 'utf8'));

  test('is accepted and every event normalises', () => {
    const capture = parseEpcisDocument(json);
    expect(capture.events.length).toBeGreaterThan(0);
    for (const event of capture.events) {
      const normalized = normalizeEvent(event);
      expect(Object.keys(normalized)).toEqual(Object.keys(event));
      expect(normalizeEvent(normalized)).toEqual(normalized);
    }
  });
});
