/** Cookie names and options, in one place. */
export const LANG_COOKIE = 'balai_lang';
export const CSRF_COOKIE = 'balai_csrf';
export const SESSION_COOKIE_PREFIX = 'balai_sid_';
/** One session per city, so an officer can be signed in to two cities at once. */
export const sessionCookie = (cityId: string) => `${SESSION_COOKIE_PREFIX}${cityId.replace('.', '')}`;

let secure = false;
export function setSecureCookies(value: boolean): void {
  secure = value;
}
export function baseCookie(): { path: string; httpOnly: true; sameSite: 'lax'; secure: boolean } {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure };
}
