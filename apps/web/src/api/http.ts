import { session } from '../lib/session';

/** An error the API answered with: its Chinese message, status, and any details (e.g. validation errors). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A multipart body; upload progress goes to onUploadProgress (0–100). */
  form?: FormData;
  onUploadProgress?: (percent: number) => void;
}

function url(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return `/api${path}${text ? `?${text}` : ''}`;
}

function headers(json: boolean): Record<string, string> {
  return {
    ...(session.token ? { authorization: `Bearer ${session.token}` } : {}),
    ...(json ? { 'content-type': 'application/json' } : {}),
  };
}

async function toError(response: Response): Promise<ApiError> {
  let message = `请求失败（${response.status}）`;
  let details: unknown;
  try {
    const body = (await response.json()) as { message?: unknown; details?: unknown };
    if (typeof body.message === 'string') message = body.message;
    details = body.details;
  } catch {
    // not JSON: keep the generic message
  }
  if (response.status === 401 && session.token) session.expire();
  return new ApiError(message, response.status, details);
}

/** One call to the API under /api, with the signed-in user's token. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  if (options.form && options.onUploadProgress) return upload<T>(method, path, options);
  let response: Response;
  try {
    response = await fetch(url(path, options.query), {
      method,
      headers: headers(options.body !== undefined),
      body: options.form ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
    });
  } catch {
    throw new ApiError('无法连接服务器，请检查网络后重试', 0);
  }
  if (!response.ok) throw await toError(response);
  if (response.status === 204) return undefined as T;
  // Nest answers a null result with an empty body.
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}

/** fetch has no upload progress: XMLHttpRequest does. */
function upload<T>(method: string, path: string, options: RequestOptions): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url(path, options.query));
    for (const [key, value] of Object.entries(headers(false))) xhr.setRequestHeader(key, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onUploadProgress?.(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError('无法连接服务器，请检查网络后重试', 0));
    xhr.onload = () => {
      const response = new Response(xhr.responseText || null, { status: xhr.status });
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
      } else {
        toError(response).then(reject, reject);
      }
    };
    xhr.send(options.form ?? null);
  });
}

/** Downloads a file the API streams (templates, original uploads) under the name it gives. */
export async function download(path: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url(path), { headers: headers(false) });
  } catch {
    throw new ApiError('无法连接服务器，请检查网络后重试', 0);
  }
  if (!response.ok) throw await toError(response);
  const disposition = response.headers.get('content-disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const name = match ? decodeURIComponent(match[1]) : fallbackName;
  const blob = await response.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
