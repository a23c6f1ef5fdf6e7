// The AMOE service worker: the learn and find pages, the start of the
// wizard and the status page open with no network after a first visit.
//
// The server fills in VERSION and PRECACHE when it starts (api/src/http/
// service_worker.rs): the list is the built app (its hashed files, every
// language's messages among them, and index.html, the app's shell), the
// installed app's manifests and the reference data; the version is a hash
// of those files, so a new deployment is a new worker.
//
// - The app's files come from this version's cache: they always match
//   each other (the wasm of one version with its messages).
// - The reference data (/api/config, /api/universities, /api/offices)
//   comes from the network, and from the cache only when offline.
// - Anything else (other API calls, posts, other origins) is not touched.
// - A new version installs in the background and waits; the page offers to
//   reload (message "skip-waiting"), and the old caches go when it takes
//   over. A failed install leaves the working version in place.
"use strict";

const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const CACHE = "amoe-" + VERSION;
const NETWORK_FIRST = PRECACHE.filter((path) => path.startsWith("/api/"));

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((path) => new Request(path, { cache: "reload" })))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((key) => key.startsWith("amoe-") && key !== CACHE).map((key) => caches.delete(key))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname;
  if (request.mode === "navigate") {
    // Every page of the app is the shell, which draws it; a path with a dot
    // is a file; the back office is another app. (Online, before a worker,
    // the server sends pages drawn at build time; from here the app's code
    // is at hand, so the shell is as quick.)
    if (/^\/(api\/|back-office)/.test(path) || path.split("/").pop().includes(".")) return;
    event.respondWith(fromCache("/index.html", request));
  } else if (NETWORK_FIRST.includes(path) && url.search === "") {
    event.respondWith(networkFirst(path, request));
  } else if (PRECACHE.includes(path)) {
    event.respondWith(fromCache(path, request));
  }
});

// This version's copy, or the network when the cache lost it.
async function fromCache(path, request) {
  const cached = await caches.match(path, { cacheName: CACHE });
  return cached || fetch(request);
}

// The network's answer (kept for next time), or the copy when offline.
async function networkFirst(path, request) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(path, copy));
    }
    return response;
  } catch (error) {
    const cached = await caches.match(path, { cacheName: CACHE });
    if (cached) return cached;
    throw error;
  }
}
