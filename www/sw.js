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
const PREFIX = 'campaign-kit-';
const CACHE = PREFIX + VERSION;
// Trunk's hashed names (app-<16 hex>.js, …_bg.wasm, style-<16 hex>.css) never change content,
// so the HTTP cache may serve them (no second download on the first visit); the rest is
// revalidated.
const HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z]+$/;

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
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // Every page in scope is the one app page.
    const hit = await cache.match(request.mode === 'navigate' ? './' : request, { ignoreSearch: true });
    if (hit) return hit;
    const response = await fetch(request);
    if (response.ok && LAZY.has(new URL(request.url).pathname)) await cache.put(request, response.clone());
    return response;
  })());
});
