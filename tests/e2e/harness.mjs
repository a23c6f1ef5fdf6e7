// The end-to-end harness: the real API binary on a random port with a fresh
// SQLite database, serving the release build in dist/, driven by Debian's
// Chromium through playwright-core. Expected texts come from locales/, so a
// test checks what a student reads, in each language.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const API_BIN = process.env.AMOE_API_BIN ?? path.join(ROOT, 'target/debug/amoe-api');
const DIST = process.env.AMOE_DIST ?? path.join(ROOT, 'dist');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const AXE = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

export const LANGS = ['ar', 'fr', 'en'];
export const PHONE = { width: 360, height: 640 };
export const DESKTOP = { width: 1280, height: 800 };

/**
 * The messages of a language, read from one of its .ftl files (single-line
 * ones): the students' app's `main.ftl` unless `file` names another.
 */
export function messages(lang, file = 'main.ftl') {
  const source = readFileSync(path.join(ROOT, 'locales', lang, file), 'utf8');
  const map = {};
  for (const line of source.split('\n')) {
    const match = /^([a-z][a-z0-9_-]*) = (.*)$/.exec(line);
    // A string-literal placeable (`{ "\u2066" }`, an isolate) is its character.
    if (match) map[match[1]] = match[2].replace(/\{ "\\u([0-9a-fA-F]{4})" \}/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  }
  return map;
}

/** Text as a reader sees it: bidi isolation marks (Fluent's and ours) removed. */
export const plain = (text) => text.replace(/[\u2066-\u2069]/g, '').trim();

/**
 * Starts the API. `port` 0 picks a free one; pass the same `dataDir` and
 * port to restart it where it was.
 */
export async function startServer({ port = 0, dataDir, env = {} } = {}) {
  const dir = dataDir ?? mkdtempSync(path.join(tmpdir(), 'amoe-e2e-'));
  const child = spawn(API_BIN, [], {
    env: {
      ...process.env,
      AMOE_ADDR: `127.0.0.1:${port}`,
      DATABASE_URL: `sqlite://${dir}/amoe.db`,
      AMOE_DIST: DIST,
      AMOE_OUTBOX_DIR: path.join(dir, 'outbox'),
      AMOE_JOURNAL: path.join(dir, 'amoe.journal'),
      ...env,
      RUST_LOG: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /http:\/\/localhost:(\d+)\//.exec(out);
      if (match) resolve(`http://127.0.0.1:${match[1]}`);
    });
    child.on('exit', (code) => reject(new Error(`the API exited (${code}): ${out}`)));
  });
  return {
    url,
    port: Number(new URL(url).port),
    dataDir: dir,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
    async dispose() {
      await this.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A server and a browser for the tests of the enclosing `describe`, started
 * before them and disposed after: `suite.server`, `suite.browser`.
 */
export function sharedServerAndBrowser() {
  const suite = {};
  before(async () => {
    suite.server = await startServer();
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.dispose();
  });
  return suite;
}

/** Runs `body` with a server and a browser of its own, then disposes both. */
export async function withOwnServer(body) {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    await body({ server, browser });
  } finally {
    await browser.close();
    await server.dispose();
  }
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A page in a fresh context (fresh storage) whose browser prefers `locale`.
 * `serviceWorkers: 'block'` keeps the app's worker out (a first visit, or
 * a browser without one), for tests of what happens with no network.
 * Every uncaught error and console error is recorded; `done()` fails the
 * test on any that `allow` does not match.
 */
export async function openPage(browser, { locale = 'fr-MA', viewport = PHONE, allow = [], serviceWorkers = 'allow' } = {}) {
  const context = await browser.newContext({ locale, viewport, serviceWorkers });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
  });
  page.done = async () => {
    const unexpected = errors.filter((e) => !allow.some((pattern) => pattern.test(e)));
    await context.close();
    assert.deepEqual(unexpected, [], 'the page logged errors');
  };
  return page;
}

/**
 * Waits for the app to have drawn a page (its h1 is there), the page the
 * server drew at build time having been taken over by the live app.
 */
export async function heading(page) {
  const h1 = page.locator('#app h1');
  await h1.waitFor();
  await page.waitForFunction(() => !document.getElementById('app')?.hidden && !document.getElementById('app-static'));
  return plain(await h1.innerText());
}

/** axe-core on the page as it is: WCAG 2.2 A/AA and best practices. */
export async function expectAccessible(page, label) {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await globalThis.axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`);
  });
  assert.deepEqual(violations, [], `axe violations on ${label}`);
}

/** The page is no wider than the viewport (no horizontal scrolling). */
export async function expectNoHorizontalScroll(page, label) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  assert.ok(scroll <= width, `${label}: ${scroll}px wide in a ${width}px viewport`);
}

/** A free port: passkeys are bound to the service's address, which the
 * server must know before it starts (AMOE_PUBLIC_URL). */
export function freePort() {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A page whose browser holds a virtual passkey authenticator (the DevTools
 * protocol's WebAuthn domain), for the back office's sign-in.
 */
export async function passkeyPage(browser, { locale = 'fr-MA', viewport = DESKTOP } = {}) {
  const context = await browser.newContext({ locale, viewport });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A refused call (401, 403, 409, 422) is logged by the browser: expected here.
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) errors.push(message.text());
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true,
      isUserVerified: true, automaticPresenceSimulation: true,
    },
  });
  page.passkeys = async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
  page.done = async () => {
    await context.close();
    assert.deepEqual(errors, [], 'the page logged errors');
  };
  return page;
}
