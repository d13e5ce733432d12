export interface CallOptions {
  token?: string;
  json?: unknown;
  body?: RequestInit['body'];
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or null when the body is not JSON. */
  json: unknown;
  bytes: Uint8Array;
}

/** Plain HTTP to a cloud endpoint (tests and the benchmark). */
export async function callCloud(baseUrl: string, method: string, route: string, options: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await fetch(`${baseUrl}${route}`, { method, headers, body, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) });
  const bytes = new Uint8Array(await response.arrayBuffer());
  let json: unknown = null;
  if (bytes.length > 0 && (response.headers.get('content-type') ?? '').includes('json')) json = JSON.parse(Buffer.from(bytes).toString('utf8'));
  return { status: response.status, headers: response.headers, json, bytes };
}
