/** A cookie-keeping client over real HTTP (fetch), posting same-origin forms like a browser. */
import { Agent, FormData, fetch } from 'undici';

/**
 * A connection per request: workerd closes idle kept-alive connections on its own schedule, and a request that
 * reused one just as it closed failed with "other side closed" when the suite was busy.
 */
export const noKeepAlive = new Agent({ pipelining: 0 });

export class HttpBrowser {
  cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  private keep<R extends { headers: { getSetCookie(): string[] } }>(res: R): R {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(path: string) {
    return this.keep(
      await fetch(this.base + path, {
        redirect: 'manual',
        headers: { cookie: this.cookieHeader() },
        dispatcher: noKeepAlive,
      }),
    );
  }

  async post(path: string, form: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return this.keep(
      await fetch(this.base + path, {
        method: 'POST',
        redirect: 'manual',
        body,
        headers: {
          origin: this.base,
          'content-type': 'application/x-www-form-urlencoded',
          cookie: this.cookieHeader(),
        },
        dispatcher: noKeepAlive,
      }),
    );
  }

  /** A file upload (multipart), as the import page's form sends it. */
  async upload(path: string, name: string, text: string) {
    const form = new FormData();
    form.append('file', new Blob([text]), name);
    return this.keep(
      await fetch(this.base + path, {
        method: 'POST',
        redirect: 'manual',
        body: form,
        headers: { origin: this.base, cookie: this.cookieHeader() },
        dispatcher: noKeepAlive,
      }),
    );
  }
}
