// The pages drawn at build time: sent in the student's language, readable
// with JavaScript off (the guide, the universities, the offices; the
// journeys say they need it), accessible before the app starts, and taken
// over by the app without a layout shift and without losing what was typed.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LANGS, PHONE, expectAccessible, heading, messages, openPage, plain, sharedServerAndBrowser,
} from './harness.mjs';

const T = Object.fromEntries(LANGS.map((lang) => [lang, messages(lang)]));
const READABLE = [
  ['/', 'home-title'],
  ['/learn/who-declares', 'learn-who-title'],
  ['/learn/steps', 'learn-steps-title'],
  ['/learn/good-to-know', 'learn-good-title'],
  ['/learn/claim-forms', 'learn-claims-title'],
  ['/universities', 'universities-title'],
  ['/offices', 'offices-title'],
];
const JOURNEYS = [
  ['/declare', 'declare-title'],
  ['/status', 'status-title'],
];

/** The static page's h1, without waiting for the app. */
const drawnHeading = async (page) => plain(await page.locator('#app-static h1').innerText());

/** A page whose app never starts: its wasm is not delivered. */
async function withoutApp(page) {
  await page.route(/\.wasm$/, (route) => route.abort());
}

/** Records layout shifts (not those after input) from the first paint on. */
async function recordShifts(page) {
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (!entry.hadRecentInput) window.__shifts.push(entry.value);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/**
 * The shell's wasm arrives late, as on a slow network: only once the
 * returned function is called.
 */
async function holdShellWasm(page) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/amoe-[0-9a-f]+_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

const shifted = (page) => page.evaluate(() => window.__shifts.reduce((a, b) => a + b, 0));
const appStarted = (page) => page.waitForFunction(() => {
  const app = document.getElementById('app');
  return app && !app.hidden && !document.getElementById('app-static');
});

describe('pages drawn at build time', () => {
  const shared = sharedServerAndBrowser();

  test('with JavaScript off, the guide, universities and offices are whole pages, in each language', async () => {
    for (const lang of LANGS) {
      const context = await shared.browser.newContext({ locale: lang, viewport: PHONE, javaScriptEnabled: false });
      const page = await context.newPage();
      try {
        for (const [url, key] of READABLE) {
          const response = await page.goto(`${shared.server.url}${url}`);
          assert.equal(response.status(), 200, url);
          assert.equal(response.headers()['content-language'], lang, url);
          assert.equal(await drawnHeading(page), plain(T[lang][key]), `${url} in ${lang}`);
          assert.equal(await page.getAttribute('html', 'lang'), lang);
          assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
          // The home page's heading is the service's name; its title says
          // what a student can do there.
          const title = key === 'home-title' ? 'home-page-title' : key;
          assert.ok((await page.title()).startsWith(plain(T[lang][title]).slice(0, 10)), `${url} title`);
          assert.equal(await page.locator('text=' + plain(T[lang]['needs-javascript']).slice(0, 25)).count(), 0);
        }
        await page.goto(`${shared.server.url}/offices`);
        assert.equal(await page.locator('.office').count(), 34);
        await page.goto(`${shared.server.url}/universities`);
        assert.equal(await page.locator('#app-static main li').count() >= 12, true);
        // The guide's links lead to the other drawn pages.
        await page.goto(`${shared.server.url}/`);
        await page.click('#app-static a[href="/learn/who-declares"]');
        assert.equal(await drawnHeading(page), plain(T[lang]['learn-who-title']));
        for (const [url, key] of JOURNEYS) {
          await page.goto(`${shared.server.url}${url}`);
          assert.equal(await drawnHeading(page), plain(T[lang][key]), `${url} in ${lang}`);
          const notice = page.locator('#app-static .inset-warning', { hasText: plain(T[lang]['needs-javascript']).slice(0, 25) });
          assert.ok(await notice.isVisible(), `${url} says it needs JavaScript, in ${lang}`);
        }
        const missing = await page.goto(`${shared.server.url}/no-such-page`);
        assert.equal(missing.status(), 404);
        assert.equal(await drawnHeading(page), plain(T[lang]['not-found-title']));
      } finally {
        await context.close();
      }
    }
  });

  test('before the app starts, each drawn page passes axe, in each language', async () => {
    for (const lang of LANGS) {
      const page = await openPage(shared.browser, { locale: lang, allow: [/./] });
      await withoutApp(page);
      for (const [url] of [...READABLE, ...JOURNEYS]) {
        await page.goto(`${shared.server.url}${url}`);
        await page.locator('#app-static h1').waitFor();
        await expectAccessible(page, `${url} drawn, in ${lang}`);
      }
      await page.done();
    }
  });

  test('the language the student chose is the one the server sends next', async () => {
    const page = await openPage(shared.browser, { locale: 'fr' });
    await page.goto(`${shared.server.url}/`);
    await heading(page);
    await page.click('.language-switcher button[lang="ar"]');
    await page.locator('html[lang="ar"]').waitFor();
    const response = await page.request.get(`${shared.server.url}/learn/steps`, {
      headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
    });
    assert.equal(response.headers()['content-language'], 'ar');
    assert.match(await response.text(), /<html lang=ar dir=rtl>/);
    // No personal data in it: the language code only.
    const cookies = await page.context().cookies();
    assert.deepEqual(cookies.map((c) => [c.name, c.value]), [['amoe_lang', 'ar']]);
    await page.done();
  });

  for (const lang of LANGS) {
    test(`the app takes over without a layout shift, in ${lang}`, async () => {
      for (const [url] of [...READABLE, ...JOURNEYS]) {
        const page = await openPage(shared.browser, { locale: lang, viewport: PHONE });
        await recordShifts(page);
        await page.goto(`${shared.server.url}${url}`);
        await appStarted(page);
        await heading(page);
        // Late data (the offices, the universities) has arrived too.
        await page.waitForFunction(() => !document.querySelector('.loading'));
        await page.waitForTimeout(300);
        const total = await shifted(page);
        assert.ok(total <= 0.02, `${url} in ${lang}: layout shift ${total}`);
        await page.done();
      }
    });
  }

  test('what was typed before the app started is kept, and the form works', async () => {
    const page = await openPage(shared.browser, { locale: 'en', viewport: PHONE });
    const release = await holdShellWasm(page);
    await page.goto(`${shared.server.url}/status`);
    await page.locator('#app-static h1').waitFor();
    await page.fill('#app-static #cin', 'ab123456');
    await page.fill('#app-static #birth_day', '7');
    await page.check('#app-static #remember');
    await page.focus('#app-static #birth_day');
    release();
    await appStarted(page);
    assert.equal(await page.inputValue('#app #cin'), 'ab123456');
    assert.equal(await page.inputValue('#app #birth_day'), '7');
    assert.ok(await page.isChecked('#app #remember'));
    assert.equal(await page.evaluate(() => document.activeElement.id), 'birth_day');
    // The live form has the typed values in its state: sending names only
    // the fields still missing.
    await page.click('#app button[type="submit"]');
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    const text = plain(await summary.innerText());
    assert.ok(!text.includes(plain(T.en['error-cin_empty'])), text);
    assert.ok(!text.includes(plain(T.en['error-birth_date_missing_day'])), text);
    assert.ok(text.includes(plain(T.en['error-birth_date_missing_month'])), text);
    await page.done();
  });

  test('a lookup sent before the app started is sent by the app, with the CIN in no address', async () => {
    const page = await openPage(shared.browser, { locale: 'fr', viewport: PHONE });
    const release = await holdShellWasm(page);
    const addresses = [];
    page.on('request', (request) => addresses.push(request.url()));
    await page.goto(`${shared.server.url}/status`);
    await page.locator('#app-static h1').waitFor();
    await page.fill('#app-static #cin', 'AB123456');
    await page.press('#app-static #cin', 'Enter');
    // Nothing left the page: the press waits for the app.
    assert.equal(page.url(), `${shared.server.url}/status`);
    release();
    await appStarted(page);
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    const text = plain(await summary.innerText());
    assert.ok(!text.includes(plain(T.fr['error-cin_empty'])), text);
    assert.ok(text.includes(plain(T.fr['error-massar_empty'])), text);
    assert.ok(text.includes(plain(T.fr['error-birth_date_empty'])), text);
    assert.ok(addresses.every((url) => !url.includes('AB123456')), addresses.join('\n'));
    await page.done();
  });

  test('a link followed on a drawn page once the app is there goes through the app', async () => {
    const page = await openPage(shared.browser, { locale: 'en', viewport: PHONE });
    await page.goto(`${shared.server.url}/`);
    await heading(page);
    // The app took over; its router follows the link with no new page load.
    await page.evaluate(() => { window.samePage = true; });
    await page.click('#app a[href="/learn/who-declares"]');
    await page.locator('#app h1', { hasText: plain(T.en['learn-who-title']) }).waitFor();
    assert.equal(await page.evaluate(() => window.samePage), true);
    await page.done();
  });

  test('a journey whose code could not be fetched says so, and "Try again" fetches it', async () => {
    const page = await openPage(shared.browser, { locale: 'ar', serviceWorkers: 'block', allow: [/Failed to load resource|TypeError|fetch/i] });
    let refuse = true;
    await page.route(/split_status-[0-9a-f]+\.wasm$/, (route) => (refuse ? route.abort() : route.continue()));
    await page.goto(`${shared.server.url}/`);
    await heading(page);
    await page.click('#app a[href="/status"]');
    const failed = page.locator('.journey-failed');
    await failed.waitFor();
    assert.equal(plain(await failed.locator('p').innerText()), plain(T.ar['journey-failed']));
    assert.equal(await heading(page), plain(T.ar['journey-failed-title']));
    await expectAccessible(page, 'a journey that could not load, in ar');
    refuse = false;
    await failed.locator('button').click();
    await page.locator('#app h1', { hasText: plain(T.ar['status-title']) }).waitFor();
    await page.done();
  });
});
