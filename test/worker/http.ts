/** A cookie-keeping client over real HTTP (fetch), posting same-origin forms like a browser. */
export class HttpBrowser {
  cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  private keep(res: Response) {
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
    return this.keep(await fetch(this.base + path, { redirect: 'manual', headers: { cookie: this.cookieHeader() } }));
  }

  async post(path: string, form: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return this.keep(
      await fetch(this.base + path, {
        method: 'POST',
        redirect: 'manual',
        body,
        headers: { origin: this.base, 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader() },
      }),
    );
  }
}
