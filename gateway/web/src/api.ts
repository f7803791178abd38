/** The gateway's REST API as the desk calls it: the user's API key on every request, problems as errors. */

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail);
  }
}

export interface StreamEvent {
  readonly id?: string;
  readonly event: string;
  readonly data: string;
}

export class Api {
  constructor(private readonly key: string) {}

  get<T>(path: string): Promise<T> {
    return this.#call<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.#call<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.#call<T>('PUT', path, body);
  }

  /**
   * A Server-Sent Events stream read with fetch (EventSource cannot send the key), resumed after a drop with
   * Last-Event-ID, until the signal aborts.
   */
  async stream(path: string, onEvent: (event: StreamEvent) => void, signal: AbortSignal): Promise<void> {
    let lastEventId: string | undefined;
    while (!signal.aborted) {
      try {
        const headers: Record<string, string> = { authorization: `Bearer ${this.key}`, accept: 'text/event-stream' };
        if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
        const response = await fetch(path, { headers, signal });
        if (!response.ok || !response.body) throw await problemOf(response);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const event = parseEvent(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            if (event.id !== undefined) lastEventId = event.id;
            if (event.data !== '') onEvent(event);
          }
        }
      } catch (err) {
        if (signal.aborted) return;
        if (err instanceof ApiProblem && err.status < 500) throw err;
      }
      // Dropped: wait a moment, then resume where the stream stopped.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(path, {
      method,
      headers: { authorization: `Bearer ${this.key}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw await problemOf(response);
    return (await response.json()) as T;
  }
}

async function problemOf(response: Response): Promise<ApiProblem> {
  try {
    const problem = (await response.json()) as { code?: string; detail?: string; title?: string };
    return new ApiProblem(response.status, problem.code ?? 'HTTP_ERROR', problem.detail ?? problem.title ?? response.statusText);
  } catch {
    return new ApiProblem(response.status, 'HTTP_ERROR', response.statusText);
  }
}

function parseEvent(block: string): StreamEvent {
  let id: string | undefined;
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return { id, event, data: data.join('\n') };
}
