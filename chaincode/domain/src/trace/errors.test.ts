import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The codes TraceErrorCode declares, read from its source: the one list the chaincode throws from. */
function declaredCodes(): string[] {
  const source = readFileSync(path.join(__dirname, 'errors.ts'), 'utf8');
  const union = /export type TraceErrorCode =([^;]*);/.exec(source)![1];
  return [...union.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]).sort();
}

test("the README's refusal codes are exactly the codes the chaincode throws", () => {
  const readme = readFileSync(path.resolve(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
  const section = /### Refusal codes\n\n([\s\S]*?)\n\n/.exec(readme)![1];
  const listed = [...section.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]).sort();
  expect(declaredCodes().length).toBeGreaterThan(15);
  expect(listed).toEqual(declaredCodes());
});
