/**
 * Loaded before the app by test/e2e/httpProcess.test.ts (`--import`): on SIGUSR2 it raises a rejection and
 * an exception that nothing handles, each carrying a request with credentials, as Bolt's deferred-request
 * error does. The process must log them redacted and keep serving.
 */
const withRequest = (message: string): Error =>
  Object.assign(new Error(message), {
    req: { headers: { authorization: 'Bearer xoxp-injected-secret', cookie: 'session=injected-cookie' } },
  });

process.on('SIGUSR2', () => {
  void Promise.reject(withRequest('injected rejection'));
  setTimeout(() => {
    throw withRequest('injected exception');
  }, 10);
});
