// The chat app's service worker: the page opens without a network.
// It keeps the app shell: the page (its style sheet is inside it), its script, the manifest and
// the icons. Each is asked from the network first, so a phone with a network always gets the
// newest version, and the kept copy is used when there is no network or it does not answer within
// a few seconds. The API is never kept here: what the person sends waits in the page's own outbox
// (chat.js), and the texts of their language come with every reply and are kept by the page.
"use strict";

const CACHE = "intake-app-v2";
const SHELL = [
  "/",
  "/static/chat.js",
  "/static/chat-resume.js",
  "/static/chat-resume.css",
  "/static/chat-rating.js",
  "/static/chat-rating.css",
  "/static/manifest.webmanifest",
  "/static/icons/app.svg",
  "/static/icons/app-192.png",
];
const NETWORK_WAIT_MS = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

function kept(url) {
  return url.pathname === "/" || SHELL.includes(url.pathname);
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  const key = new URL(request.url).pathname; // "/?x" is the same page
  const fromNetwork = fetch(request).then((response) => {
    if (response.ok) cache.put(key, response.clone());
    return response;
  });
  const timeout = new Promise((resolve) => { setTimeout(resolve, NETWORK_WAIT_MS); });
  try {
    const first = await Promise.race([fromNetwork, timeout]);
    if (first) return first;
  } catch (e) { /* offline: the kept copy */ }
  const copy = await cache.match(key);
  return copy || fromNetwork;
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin || !kept(url)) return;
  event.respondWith(networkFirst(event.request));
});
