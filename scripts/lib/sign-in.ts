/** Signing in to a running Balai over HTTP, as a browser would, for the benchmark scripts. */

/** A signed-in session: the cookie header to send and the CSRF token for unsafe requests. */
export interface HttpSession {
  cookie: string;
  csrf: string;
}

/** Takes a CSRF cookie, then signs in to `city` with these credentials; throws when refused. */
export async function signIn(
  base: string,
  city: string,
  email: string,
  password: string,
): Promise<HttpSession> {
  const jar = new Map<string, string>();
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrfRes = await fetch(`${base}/api/v1/csrf`);
  await csrfRes.text();
  remember(csrfRes);
  const res = await fetch(`${base}/api/v1/cities/${city}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': jar.get('balai_csrf')!, cookie: cookie() },
    body: JSON.stringify({ email, password }),
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${body}`);
  remember(res);
  return { cookie: cookie(), csrf: jar.get('balai_csrf')! };
}
