import { PolicyParseError } from './errors';

/**
 * The syntax tree of Fabric's signature policy language (policydsl): gates AND(...), OR(...), OutOf(n, ...)
 * over principals 'MSPID.role' in single or double quotes.
 */
export type PolicyNode = GateNode | PrincipalNode;

export interface GateNode {
  readonly kind: 'gate';
  /** How many of args must be satisfied. */
  readonly threshold: number;
  readonly args: readonly PolicyNode[];
}

export interface PrincipalNode {
  readonly kind: 'principal';
  readonly mspId: string;
  readonly role: PrincipalRole;
}

export type PrincipalRole = 'member' | 'admin' | 'client' | 'peer' | 'orderer';

/** Gate names in the spellings policydsl accepts. */
const GATES: Readonly<Record<string, 'and' | 'or' | 'outof'>> = {
  AND: 'and', And: 'and', and: 'and',
  OR: 'or', Or: 'or', or: 'or',
  OutOf: 'outof', outof: 'outof', OUTOF: 'outof',
};

/** policydsl's principal pattern: the MSP id is everything before the last '.role' ([[:alnum:].-]+). */
const PRINCIPAL = /^([A-Za-z0-9.-]+)\.(admin|member|client|peer|orderer)$/;

type Token =
  | { readonly type: 'name'; readonly text: string; readonly at: number }
  | { readonly type: 'string'; readonly text: string; readonly at: number }
  | { readonly type: 'number'; readonly value: number; readonly at: number }
  | { readonly type: '(' | ')' | ',' | 'end'; readonly at: number };

/** Parses a policy string; throws PolicyParseError naming the problem and where it is. */
export function parsePolicySyntax(policy: string): GateNode {
  const tokens = tokenize(policy);
  let next = 0;
  const fail = (reason: string, at: number): never => {
    throw new PolicyParseError(reason, policy, at);
  };
  const peek = () => tokens[next];
  const take = () => tokens[next++];
  const expect = (type: Token['type'], what: string) => {
    const token = take();
    if (token.type !== type) fail(`expected ${what}`, token.at);
    return token;
  };

  const gate = (): GateNode => {
    const name = take();
    if (name.type !== 'name') return fail('expected AND, OR or OutOf', name.at);
    const kind = GATES[name.text];
    if (!kind) return fail(`unrecognized token '${name.text}'`, name.at);
    expect('(', `'(' after ${name.text}`);
    let threshold: number | undefined;
    if (kind === 'outof' && peek().type !== ')') threshold = count();
    const args: PolicyNode[] = [];
    while (peek().type !== ')') {
      if (args.length > 0 || threshold !== undefined) expect(',', "',' or ')'");
      args.push(argument());
    }
    take();
    // policydsl turns AND/OR into OutOf with an implied threshold, then wants at least two arguments.
    const given = (kind === 'outof' && threshold === undefined ? 0 : 1) + args.length;
    if (given < 2) fail(`expected at least two arguments to NOutOf. Given ${given}`, name.at);
    const t = kind === 'and' ? args.length : kind === 'or' ? 1 : threshold!;
    if (t < 0 || t > args.length + 1) fail(`invalid t-out-of-n predicate, t ${t}, n ${args.length}`, name.at);
    return { kind: 'gate', threshold: t, args };
  };

  /** OutOf's first argument: an integer, or an integer in quotes (policydsl accepts both). */
  const count = (): number => {
    const token = take();
    if (token.type === 'number') return token.value;
    if (token.type === 'string' && /^-?\d+$/.test(token.text)) return Number(token.text);
    return fail('expected the number of policies OutOf requires', token.at);
  };

  const argument = (): PolicyNode => {
    const token = peek();
    if (token.type === 'name') return gate();
    if (token.type !== 'string') return fail('expected a principal or a nested AND, OR or OutOf', token.at);
    take();
    const match = PRINCIPAL.exec(token.text);
    if (!match) return fail(`error parsing principal ${token.text}`, token.at);
    return { kind: 'principal', mspId: match[1], role: match[2] as PrincipalRole };
  };

  const root = gate();
  const end = take();
  if (end.type !== 'end') fail('unexpected text after the policy', end.at);
  return root;
}

function tokenize(policy: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < policy.length) {
    const c = policy[at];
    if (/\s/.test(c)) {
      at++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ type: c, at });
      at++;
    } else if (c === "'" || c === '"') {
      const close = policy.indexOf(c, at + 1);
      if (close < 0) throw new PolicyParseError('unterminated string', policy, at);
      const text = policy.slice(at + 1, close);
      if (text.includes('\\')) throw new PolicyParseError('escapes are not allowed in principals', policy, at);
      tokens.push({ type: 'string', text, at });
      at = close + 1;
    } else {
      const word = /^(-?\d+(?![\w.])|[A-Za-z_]\w*)/.exec(policy.slice(at));
      if (!word) throw new PolicyParseError(`unexpected character '${c}'`, policy, at);
      const text = word[0];
      tokens.push(/^[A-Za-z_]/.test(text) ? { type: 'name', text, at } : { type: 'number', value: Number(text), at });
      at += text.length;
    }
  }
  tokens.push({ type: 'end', at: policy.length });
  return tokens;
}
