/** The API over plain HTTP, as a browser or a script would use it (for real API processes and the benchmarks). */
export interface HttpResponse {
  status: number;
  body: any;
}

export class HttpClient {
  constructor(readonly baseUrl: string) {}

  async request(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; timeoutMs?: number } = {},
  ): Promise<HttpResponse> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    return { status: response.status, body: parse(await response.text()) };
  }

  async login(username: string, password: string): Promise<string> {
    const { status, body } = await this.request('POST', '/api/auth/login', { body: { username, password } });
    if (status !== 200) throw new Error(`login ${username} failed: ${status} ${JSON.stringify(body)}`);
    return body.accessToken as string;
  }

  async template(token: string, month: string, districtId: number): Promise<Buffer> {
    const response = await fetch(`${this.baseUrl}/api/periods/${month}/districts/${districtId}/template`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (response.status !== 200) throw new Error(`template ${districtId} ${month}: ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  }

  async upload(
    token: string,
    month: string,
    districtId: number,
    bytes: Buffer,
    fileName = 'report.xlsx',
    timeoutMs = 60_000,
  ): Promise<HttpResponse> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), fileName);
    const response = await fetch(`${this.baseUrl}/api/periods/${month}/districts/${districtId}/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: response.status, body: parse(await response.text()) };
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
