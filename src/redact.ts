/**
 * `scheme://userinfo@` in any text. The scheme is bounded so a long run of letters costs linear time; the
 * userinfo runs to the last `@` before the authority ends (a password with a raw `@` in it is still hidden).
 */
const CREDENTIALS = /\b([a-z][a-z0-9+.-]{0,30}:\/\/)([^\s/?#"'<>`]*)@/gi;

/**
 * Hides the credentials of every URL in `text`: `mongodb://qcuser:S3cretPW@db:27017` becomes
 * `mongodb://qcuser:***@db:27017`, `redis://:pw@host` becomes `redis://:***@host`, and a userinfo without a
 * password (`https://token@host`) becomes `***`. The one redaction used for log lines (see log.ts), error
 * messages and everything the CLI prints about servers.
 */
export function redactCredentials(text: string): string {
  return text.replace(CREDENTIALS, (_m, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    return `${scheme}${colon === -1 ? '***' : `${userinfo.slice(0, colon)}:***`}@`;
  });
}
