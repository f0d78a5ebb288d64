/**
 * Whether an error means PostgreSQL cannot be reached right now (down, restarting, connection dropped) rather than
 * that a query was wrong. Requests failing so answer 503 with a Chinese message; the pool reconnects by itself on
 * the next query, so the process needs no restart once the server is back (issue 6 §4).
 */
const UNAVAILABLE_CODES = new Set([
  // the socket
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // SQLSTATE class 08 (connection exception) and 57P01–57P03 (admin shutdown, crash shutdown, cannot connect now)
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
]);

const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection is not established',
];

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth += 1) {
    const candidate = current as { code?: unknown; message?: unknown; driverError?: unknown; errors?: unknown };
    if (typeof candidate.code === 'string' && UNAVAILABLE_CODES.has(candidate.code)) return true;
    if (
      typeof candidate.message === 'string' &&
      UNAVAILABLE_MESSAGES.some((m) => candidate.message === m || (candidate.message as string).startsWith(m))
    )
      return true;
    // An AggregateError (both address families refused) carries its parts in `errors`.
    if (Array.isArray(candidate.errors) && candidate.errors.some((part) => isDatabaseUnavailable(part))) return true;
    current = candidate.driverError ?? (candidate as { cause?: unknown }).cause;
  }
  return false;
}
