import type { Request, Response } from 'express';

/** The longest a request may ask to be held for its job's outcome (Prefer: wait), in seconds. */
export const MAX_PREFER_WAIT_SECONDS = 30;

/**
 * RFC 7240's wait preference: how many seconds the client will wait for the outcome, at most
 * MAX_PREFER_WAIT_SECONDS; undefined when it states none. As the RFC says, only a preference's first instance
 * counts (across every Prefer header), and one the service cannot read is ignored, not refused.
 */
export function preferredWaitSeconds(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  for (const preference of splitOutsideQuotes(header, ',')) {
    const [nameAndValue] = splitOutsideQuotes(preference, ';');
    const equals = nameAndValue.indexOf('=');
    const name = (equals < 0 ? nameAndValue : nameAndValue.slice(0, equals)).trim().toLowerCase();
    if (name !== 'wait') continue;
    const value = equals < 0 ? '' : unquoted(nameAndValue.slice(equals + 1).trim());
    // delta-seconds (RFC 9111 1.2.2): digits only; a value too long to be a number is as good as very long.
    if (!/^\d+$/.test(value)) return undefined;
    return Math.min(Number(value.slice(0, 10)), MAX_PREFER_WAIT_SECONDS);
  }
  return undefined;
}

/**
 * Marks the answer as depending on Prefer and, when the request stated a wait, says it was applied (RFC 7240's
 * Preference-Applied, with the wait as granted); answers that wait in milliseconds (0: none).
 */
export function applyPreferredWait(req: Request, res: Response): number {
  res.vary('Prefer');
  const seconds = preferredWaitSeconds(req.get('prefer'));
  if (seconds === undefined) return 0;
  res.set('Preference-Applied', `wait=${seconds}`);
  return seconds * 1000;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '\\') {
      current += c + (text[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === separator && !quoted) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

function unquoted(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
}

/**
 * Aborts when the connection closes before the answer is sent: nobody waits for it any more. (The response's close
 * event, not the request's: the request's fires as soon as its body has been read.)
 */
export function requestGone(res: Response): AbortSignal {
  const gone = new AbortController();
  res.once('close', () => gone.abort());
  return gone.signal;
}
