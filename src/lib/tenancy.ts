/** A request handler of one county's app (Hono's `fetch`); `env` carries the runtime's bindings (node-server's socket). */
export type Fetch = (request: Request, env?: unknown) => Response | Promise<Response>;

/** The host a request was sent to, without port, lower-case. */
export function hostOf(request: Request): string {
  return (request.headers.get('host') ?? new URL(request.url).host).replace(/:\d+$/, '').toLowerCase();
}

/**
 * One server, several counties, one database each (docs/scaling.md): each request goes to the app of the county
 * its host name names. An unknown host gets a plain 404 and reaches no database.
 */
export function byHost(apps: ReadonlyMap<string, Fetch>): Fetch {
  return (request, env) => {
    const app = apps.get(hostOf(request));
    // The bindings go along: without them the county's app cannot see the client's address (getConnInfo).
    if (app) return app(request, env);
    return new Response('未知的县级站点 / Unknown county host\n', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  };
}
