// A stand-in for next/headers in integration tests of the session layer: the test sets the session
// cookie in `sessionCookieJar`, and cookies()/headers() answer with it as a request would.
export const sessionCookieJar = { cookie: "" };

const COOKIE_NAME = "next-auth.session-token";

export const nextHeadersStandIn = {
  cookies: async () => ({
    getAll: () => (sessionCookieJar.cookie ? [{ name: COOKIE_NAME, value: sessionCookieJar.cookie }] : []),
    get: (name: string) => (name === COOKIE_NAME && sessionCookieJar.cookie ? { name, value: sessionCookieJar.cookie } : undefined),
  }),
  headers: async () => new Headers(sessionCookieJar.cookie ? { cookie: `${COOKIE_NAME}=${sessionCookieJar.cookie}` } : {}),
};
