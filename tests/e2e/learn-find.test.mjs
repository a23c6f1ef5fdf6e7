// Learn and find in a real browser: the guide's pages in every
// language, the office finder (search in any script, filter, "my
// university", copy, map link), and the service worker: the pages open with
// the API stopped after a first visit, and a new deployment is offered.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  LANGS, ROOT, expectAccessible, expectNoHorizontalScroll, heading, launchBrowser, messages,
  openPage, plain, sharedServerAndBrowser, startServer,
} from './harness.mjs';

const T = Object.fromEntries(LANGS.map((lang) => [lang, messages(lang)]));
const NARROW = { width: 320, height: 640 };
const GUIDE = [
  ['/learn/who-declares', 'learn-who-title'],
  ['/learn/steps', 'learn-steps-title'],
  ['/learn/good-to-know', 'learn-good-title'],
  ['/learn/claim-forms', 'learn-claims-title'],
];
const FES = ['fes-saiss', 'fes-dhar-el-mehraz'];

/** The cities of the offices listed, in order. */
const cities = (page) => page.locator('.office .office-city').allInnerTexts();

async function search(page, typed) {
  await page.fill('#office-search', typed);
  // The finder filters as you type: wait for the count to settle.
  await page.waitForTimeout(50);
  return (await cities(page)).map(plain);
}

/** Waits until the service worker is active and controls the page. */
async function serviceWorkerReady(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

describe('learn: the leaflet as pages', () => {
  const suite = sharedServerAndBrowser();

  for (const lang of LANGS) {
    test(`the four pages in ${lang}, at 320 px`, async () => {
      const page = await openPage(suite.browser, { locale: lang, viewport: NARROW });
      for (const [url, key] of GUIDE) {
        await page.goto(`${suite.server.url}${url}`);
        assert.equal(await heading(page), T[lang][key]);
        assert.equal(await page.title(), `${T[lang][key]} – ${T[lang]['service-name']}`);
        assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
        const text = await page.locator('main').innerText();
        assert.doesNotMatch(text, /learn-[a-z]/, `${url}: a message key shows`);
        // The contents mark this page; the others are links.
        assert.equal(plain(await page.locator('.contents [aria-current="page"]').innerText()), T[lang][key]);
        assert.equal(await page.locator('.contents a').count(), GUIDE.length - 1);
        // Every page ends on the next actions.
        for (const href of ['/declare', '/status', '/offices']) {
          assert.equal(await page.locator(`.next-actions a[href="${href}"]`).count(), 1, `${url} → ${href}`);
        }
        await expectNoHorizontalScroll(page, `${url} in ${lang}`);
        await expectAccessible(page, `${url} in ${lang}`);
      }
      await page.done();
    });
  }

  test('the leaflet\'s content is there: schemes, steps, claim forms', async () => {
    const page = await openPage(suite.browser, { locale: 'en' });
    await page.goto(`${suite.server.url}/learn/who-declares`);
    await heading(page);
    assert.equal(await page.locator('.prose ul li').count(), 5);
    assert.match(await page.locator('.prose').innerText(), /CNOPS[\s\S]*CNSS[\s\S]*RAMED/);
    await page.click(`.contents a:has-text("${T.en['learn-steps-title']}")`);
    assert.equal(await heading(page), T.en['learn-steps-title']);
    assert.equal(await page.locator('.prose ol li').count(), 4);
    const fund = page.locator('.prose a[target="_blank"]');
    assert.match(await fund.getAttribute('href'), /^https:\/\/eservices\.cnops\.org\.ma\//);
    await page.goto(`${suite.server.url}/learn/claim-forms`);
    await heading(page);
    const items = (await page.locator('.prose li').allInnerTexts()).map(plain);
    for (const key of ['learn-claims-dental', 'learn-claims-cin', 'learn-claims-signature', 'learn-claims-total']) {
      assert.ok(items.includes(T.en[key]), key);
    }
    await page.done();
  });

  test('the home page leads to the guide and the finder', async () => {
    const page = await openPage(suite.browser, { locale: 'fr' });
    await page.goto(suite.server.url);
    await heading(page);
    await page.click(`a:has-text("${T.fr['journey-learn-title']}")`);
    assert.equal(await heading(page), T.fr['learn-who-title']);
    await page.click(`.next-actions a[href="/offices"]`);
    assert.equal(await heading(page), T.fr['offices-title']);
    await page.done();
  });
});

describe('find an office', () => {
  const suite = sharedServerAndBrowser();

  test('fes, Fès and فاس find the two Fès offices; الرباط the three in Rabat', async () => {
    for (const lang of LANGS) {
      const page = await openPage(suite.browser, { locale: lang });
      await page.goto(`${suite.server.url}/offices`);
      assert.equal(await heading(page), T[lang]['offices-title']);
      await page.locator('.office').nth(33).waitFor();
      assert.equal(await page.locator('.office').count(), 34);
      const fes = { ar: 'فاس', fr: 'Fès', en: 'Fez' }[lang];
      for (const typed of ['fes', 'Fès', 'FES', 'فاس']) {
        assert.deepEqual(await search(page, typed), [fes, fes], `${typed} on the ${lang} page`);
      }
      const rabat = lang === 'ar' ? 'الرباط' : 'Rabat';
      assert.deepEqual(await search(page, 'الرباط'), [rabat, rabat, rabat]);
      assert.deepEqual(await search(page, 'rabat agdal'), [rabat]);
      // The count is announced; nothing found says what to do.
      assert.equal(await page.locator('.results-count[role="status"]').count(), 1);
      await search(page, 'zzzz');
      assert.equal(await page.locator('.office').count(), 0);
      assert.equal(plain(await page.locator('.office-none').innerText()), T[lang]['offices-none']);
      await page.done();
    }
  });

  test('filtering by university, alone and with a search', async () => {
    const page = await openPage(suite.browser, { locale: 'fr' });
    await page.goto(`${suite.server.url}/offices`);
    await heading(page);
    await page.locator('.office').nth(33).waitFor();
    await page.selectOption('#office-university', 'usmba');
    assert.deepEqual((await cities(page)).map(plain), ['Fès', 'Fès', 'Taza']);
    assert.deepEqual(await search(page, 'taza'), ['Taza']);
    assert.deepEqual(await search(page, 'rabat'), []);
    await page.selectOption('#office-university', '');
    assert.deepEqual(await search(page, 'rabat'), ['Rabat', 'Rabat', 'Rabat']);
    await page.done();
  });

  test('my university\'s offices come first, marked', async () => {
    const page = await openPage(suite.browser, { locale: 'en' });
    await page.goto(suite.server.url);
    await heading(page);
    // As the wizard leaves it once the university step is answered.
    await page.evaluate(() => localStorage.setItem('amoe.declaration', JSON.stringify({ touched_at: Date.now(), form: { university: 'uca' } })));
    await page.goto(`${suite.server.url}/offices`);
    await heading(page);
    await page.locator('.office').nth(33).waitFor();
    const first = (await cities(page)).slice(0, 5).map(plain);
    assert.deepEqual(first, ['Marrakesh', 'Safi', 'El Kelaa des Sraghna', 'Essaouira', 'Rabat']);
    assert.equal(await page.locator('.office .tag').count(), 4);
    assert.equal(plain(await page.locator('.office').first().locator('.tag').innerText()), T.en['offices-mine']);
    await page.done();
  });

  test('copy the address, and open it in a map search', async () => {
    const page = await openPage(suite.browser, { locale: 'fr' });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.server.url });
    await page.goto(`${suite.server.url}/offices`);
    await heading(page);
    await page.locator('.office').nth(33).waitFor();
    await search(page, 'agdal');
    const office = page.locator('.office').first();
    await office.locator('button').click();
    await office.locator('.office-copied', { hasText: T.fr['offices-copied'] }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, 'Cité universitaire Agdal, Angle avenue des Nations Unies et avenue Omar Ibn El Khattab, B.P. 719, Rabat');
    const map = office.locator('a.office-map');
    assert.equal(await map.getAttribute('target'), '_blank');
    const href = new URL(await map.getAttribute('href'));
    assert.equal(href.origin + href.pathname, 'https://www.openstreetmap.org/search');
    assert.match(href.searchParams.get('query'), /^Angle avenue des Nations Unies.*, Rabat, Maroc$/);
    await page.done();
  });

  for (const lang of LANGS) {
    test(`the finder is accessible in ${lang}, at 320 px`, async () => {
      const page = await openPage(suite.browser, { locale: lang, viewport: NARROW });
      await page.goto(`${suite.server.url}/offices`);
      await heading(page);
      await page.locator('.office').nth(33).waitFor();
      await expectNoHorizontalScroll(page, `offices in ${lang}`);
      await expectAccessible(page, `offices in ${lang}`);
      await search(page, 'فاس');
      await expectAccessible(page, `offices in ${lang}, searched`);
      await page.done();
    });
  }

  test('the universities page links the platforms printed as full addresses', async () => {
    const page = await openPage(suite.browser, { locale: 'fr' });
    await page.goto(`${suite.server.url}/universities`);
    await page.locator('.university').nth(11).waitFor();
    assert.equal(await page.locator('.university-platform a[href="http://etu.um5.ac.ma"]').count(), 1);
    // "amo.uca.ma" is printed without a scheme: text, not a guessed link.
    const uca = page.locator('.university', { hasText: 'Cadi Ayyad' });
    assert.equal(await uca.locator('a').count(), 0);
    assert.equal(plain(await uca.locator('.code').innerText()), 'amo.uca.ma');
    await page.done();
  });
});

describe('offline and installable', () => {
  test('after a first visit, the learn and find pages and each journey open with the API stopped', async () => {
    const server = await startServer();
    const browser = await launchBrowser();
    try {
      const page = await openPage(browser, { locale: 'ar', allow: [/Failed to load resource/] });
      await page.goto(server.url);
      await heading(page);
      await serviceWorkerReady(page);
      // What the worker keeps: every precached answer, decoded.
      const cached = await page.evaluate(async () => {
        const names = await caches.keys();
        const cache = await caches.open(names[0]);
        let bytes = 0;
        const requests = await cache.keys();
        for (const request of requests) bytes += (await (await cache.match(request)).arrayBuffer()).byteLength;
        return { names, entries: requests.length, bytes };
      });
      assert.equal(cached.names.length, 1);
      console.log(`service worker cache: ${cached.entries} entries, ${cached.bytes} bytes`);
      await server.stop();

      for (const [url, key] of [
        ['/learn/steps', 'learn-steps-title'],
        ['/offices', 'offices-title'],
        ['/declare', 'declare-title'],
        ['/status', 'status-title'],
        ['/universities', 'universities-title'],
      ]) {
        await page.goto(`${server.url}${url}`);
        assert.equal(await heading(page), T.ar[key], `${url} offline`);
      }
      // The offices come from the cache, and the search still works.
      await page.goto(`${server.url}/offices`);
      await heading(page);
      await page.locator('.office').nth(33).waitFor();
      assert.deepEqual(await search(page, 'Fès'), ['فاس', 'فاس']);
      // So does switching language: every locale is cached.
      await page.click('.language-switcher button[lang="fr"]');
      await page.locator('h1', { hasText: T.fr['offices-title'] }).waitFor();
      await page.done();
    } finally {
      await browser.close();
      await server.dispose();
    }
  });

  test('the manifest names the app in the language shown', async () => {
    const server = await startServer();
    const browser = await launchBrowser();
    try {
      const page = await openPage(browser, { locale: 'fr' });
      await page.goto(server.url);
      await heading(page);
      await page.click('.language-switcher button[lang="ar"]');
      await page.locator('html[lang="ar"]').waitFor();
      const href = await page.getAttribute('link[rel="manifest"]', 'href');
      assert.equal(href, '/locales/ar/manifest.webmanifest');
      const manifest = await page.evaluate(async (url) => {
        const response = await fetch(url);
        return { type: response.headers.get('content-type'), body: await response.json() };
      }, href);
      assert.match(manifest.type, /manifest\+json|json/);
      assert.equal(manifest.body.lang, 'ar');
      assert.equal(manifest.body.dir, 'rtl');
      for (const icon of manifest.body.icons) {
        const status = await page.evaluate(async (src) => (await fetch(src)).status, icon.src);
        assert.equal(status, 200, icon.src);
      }
      await page.done();
    } finally {
      await browser.close();
      await server.dispose();
    }
  });

  test('a new deployment is offered, and reloading takes it', async () => {
    const first = await startServer();
    const browser = await launchBrowser();
    // The "new version": the same build with a changed index.html.
    const nextDist = mkdtempSync(path.join(tmpdir(), 'amoe-dist-'));
    cpSync(process.env.AMOE_DIST ?? path.join(ROOT, 'dist'), nextDist, { recursive: true });
    rmSync(path.join(nextDist, 'index.html.br'), { force: true });
    rmSync(path.join(nextDist, 'index.html.gz'), { force: true });
    appendFileSync(path.join(nextDist, 'index.html'), '<!-- next version -->\n');
    let second;
    try {
      const page = await openPage(browser, { locale: 'en', allow: [/Failed to load resource/] });
      await page.goto(`${first.url}/offices`);
      await heading(page);
      await serviceWorkerReady(page);
      const version = (text) => /const VERSION\s*=\s*"([0-9a-f]+)"/.exec(text)[1];
      const before = version(await page.evaluate(async () => (await fetch('/sw.js')).text()));
      await first.stop();
      second = await startServer({ port: first.port, dataDir: first.dataDir, env: { AMOE_DIST: nextDist } });
      // A navigation checks for a new worker; the old version still shows.
      await page.goto(`${first.url}/offices`);
      await heading(page);
      const banner = page.locator('.update-banner');
      await banner.waitFor();
      assert.equal(plain(await banner.locator('p').innerText()), T.en['update-ready']);
      await expectAccessible(page, 'the update banner');
      await Promise.all([
        page.waitForEvent('load'),
        banner.locator('button').click(),
      ]);
      assert.equal(await heading(page), T.en['offices-title']);
      const after = version(await page.evaluate(async () => (await fetch('/sw.js')).text()));
      assert.notEqual(after, before);
      // The old cache is gone; the new one has the new index.html.
      await page.waitForFunction((v) => caches.keys().then((k) => k.length === 1 && k[0] === `amoe-${v}`), after);
      const html = await page.evaluate(async () => (await caches.match('/index.html')).text());
      assert.match(html, /next version/);
      assert.equal(await page.locator('.update-banner').count(), 0);
      await page.done();
    } finally {
      await browser.close();
      await second?.dispose();
      await first.dispose();
      rmSync(nextDist, { recursive: true, force: true });
    }
  });
});
