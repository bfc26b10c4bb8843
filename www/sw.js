// The service worker: after the first visit the app loads and works with no connection.
//
// tools/precache.mjs (Trunk's post-build hook) fills in the build's file list (Trunk hashes
// most names) and a version derived from every file's content, so each deploy gets its own
// cache. Updates are clean: a new version installs in the background and waits; the page
// offers "reload", which posts "skip-waiting"; on activation the old caches are deleted.
// Only same-origin GET requests are handled; nothing is ever sent anywhere.

const VERSION = '__PRECACHE_VERSION__';
const PRECACHE = [/* __PRECACHE_LIST__ */];
// Big files only some users need (the pledge batch worker, fallback fonts): cached the first time
// they load.
const LAZY = new Set([/* __LAZY_LIST__ */].map((name) => new URL(name, self.registration.scope).pathname));
// Lazy files that only work together (the studio module and its export worker): the first time
// one of them loads, all of them are cached, so a page opened once online also exports offline
// (its export worker starts only when a photo is chosen or a file is made: maybe never online).
const TOGETHER = [/* __TOGETHER_LIST__ */].map((name) => new URL(name, self.registration.scope).pathname);
const PREFIX = 'campaign-kit-';
const CACHE = PREFIX + VERSION;
// Trunk's hashed names (app-<hex>.js, …_bg.wasm, style-<hex>.css; the hash is a u64 in hex
// without leading zeros, so 16 digits or a few less) never change content,
// so the HTTP cache may serve them (no second download on the first visit); the rest is
// revalidated.
const HASHED = /-[0-9a-f]{12,20}(_bg)?\.[a-z]+$/;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(PRECACHE.map((url) =>
      new Request(url, { cache: HASHED.test(url) ? 'default' : 'no-cache' })));
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  let together = Promise.resolve();
  const answer = (async () => {
    const cache = await caches.open(CACHE);
    // Every page in scope is the one app page.
    const hit = await cache.match(request.mode === 'navigate' ? './' : request, { ignoreSearch: true });
    if (hit) return hit;
    const path = new URL(request.url).pathname;
    if (!LAZY.has(path)) return fetch(request);
    if (TOGETHER.includes(path)) together = cacheTogether(cache);
    const response = await fetchLazy(cache, request, path);
    return (await cache.match(request, { ignoreSearch: true })) ?? (response.bodyUsed ? fetch(request) : response);
  })();
  event.respondWith(answer);
  event.waitUntil(answer.then(() => together, () => {}));
});

// Lazy files being fetched, by path: a file asked for by the page while the group fetch below
// is getting it (or the other way round) is downloaded once.
const inflight = new Map();
function fetchLazy(cache, request, path) {
  if (!inflight.has(path)) {
    inflight.set(path, (async () => {
      const response = await fetch(request);
      if (response.ok) await cache.put(request, response.clone());
      return response;
    })().finally(() => inflight.delete(path)));
  }
  return inflight.get(path);
}

// Fetch and cache what is missing of TOGETHER, one file at a time (the file the page waits for
// first), once however many of its files the page asks for. Offline again: the rest waits for
// the next load that comes through here.
let grouping = null;
function cacheTogether(cache) {
  grouping ??= (async () => {
    for (const path of TOGETHER) {
      if (await cache.match(path, { ignoreSearch: true })) continue;
      try {
        await fetchLazy(cache, new Request(path), path);
      } catch {
        return;
      }
    }
  })().finally(() => { grouping = null; });
  return grouping;
}
