// A bare Worker for bench/passwords.ts: times the Workers password hasher inside workerd, and shows that
// hash-wasm (WebAssembly compiled at run time) is refused there.
import { argon2Verify } from 'hash-wasm';
import { workerHasher } from '../../src/auth/password-worker.js';

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const password = 'correct horse battery';
    if (url.pathname === '/scrypt-hash') return new Response(await workerHasher.hash(password));
    if (url.pathname === '/verify') {
      const ok = await workerHasher.verify(url.searchParams.get('hash') ?? '', password);
      return new Response(String(ok), { status: ok ? 200 : 500 });
    }
    if (url.pathname === '/hash-wasm') {
      try {
        return new Response(String(await argon2Verify({ password, hash: url.searchParams.get('hash') ?? '' })));
      } catch (e) {
        return new Response(String(e), { status: 500 });
      }
    }
    return new Response('noop');
  },
};
