/**
 * What may be logged of an error nobody expected. Errors thrown around HTTP carry the request itself
 * (Bolt's deferred-request error holds `req` and `res`), and pino's serializer would write every header,
 * cookies and Authorization included: keep the type, code, message and stack, and the same of its cause.
 */
export interface SafeError {
  type: string;
  message: string;
  code?: string;
  stack?: string;
  cause?: SafeError;
}

export function safeError(error: unknown, depth = 0): SafeError {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error).slice(0, 500) };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(error.stack === undefined ? {} : { stack: error.stack }),
    ...(error.cause !== undefined && depth < 3 ? { cause: safeError(error.cause, depth + 1) } : {}),
  };
}
