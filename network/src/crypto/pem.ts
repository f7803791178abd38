/** PEM encoding as Go's encoding/pem writes it (64-column base64, trailing newline), so files and
 * serialized identities are byte-identical to what Fabric's own tools produce. */

const LINE = 64;

export class PemError extends Error {
  override readonly name = 'PemError';
}

export function toPem(label: string, der: Uint8Array): string {
  const body = Buffer.from(der).toString('base64');
  const lines: string[] = [];
  for (let at = 0; at < body.length; at += LINE) lines.push(body.slice(at, at + LINE));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export interface PemBlock {
  readonly label: string;
  readonly der: Buffer;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]*)-----\r?\n([\s\S]*?)-----END \1-----/;

/** The first PEM block of text (Go's pem.Decode: anything before it is skipped). */
export function firstPemBlock(text: string): PemBlock | undefined {
  const match = BLOCK.exec(text);
  if (!match) return undefined;
  const body = match[2].replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) return undefined;
  return { label: match[1], der: Buffer.from(body, 'base64') };
}

/** DER of the first block, which must carry the expected label. */
export function pemToDer(text: string, label: string): Buffer {
  const block = firstPemBlock(text);
  if (!block) throw new PemError(`no PEM block found (expected ${label})`);
  if (block.label !== label) throw new PemError(`PEM block is ${block.label}, expected ${label}`);
  return block.der;
}
