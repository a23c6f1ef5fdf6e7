// The app's shell in a real browser: every page in every language, at
// phone and desktop sizes, accessible, and robust to the API going away.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DESKTOP, LANGS, PHONE, expectAccessible, expectNoHorizontalScroll, heading,
  launchBrowser, messages, openPage, plain, sharedServerAndBrowser, startServer, withOwnServer,
} from './harness.mjs';

const T = Object.fromEntries(LANGS.map((lang) => [lang, messages(lang)]));
const dir = (lang) => (lang === 'ar' ? 'rtl' : 'ltr');
// The home page's heading is the service's name: its title says instead
// what a student can do there, so that the name is not written twice.
const title = (lang, key) =>
  `${T[lang][key === 'home-title' ? 'home-page-title' : key]} – ${T[lang]['service-name']}`;

describe('shell', () => {
  const suite = sharedServerAndBrowser();

  for (const lang of LANGS) {
    for (const viewport of [PHONE, DESKTOP]) {
      test(`home in ${lang} at ${viewport.width}×${viewport.height}`, async () => {
        const page = await openPage(suite.browser, { locale: `${lang}-MA`, viewport });
        await page.goto(suite.server.url);
        assert.equal(await heading(page), T[lang]['home-title']);
        assert.equal(await page.getAttribute('html', 'lang'), lang);
        assert.equal(await page.getAttribute('html', 'dir'), dir(lang));
        assert.equal(await page.title(), title(lang, 'home-title'));
        assert.equal((await page.title()).split(T[lang]['service-name']).length, 2);
        // The language switcher names each language in that language.
        for (const other of LANGS) {
          const button = page.locator(`.language-switcher button[lang="${other}"]`);
          assert.equal(await button.getAttribute('aria-pressed'), String(other === lang));
        }
        await expectNoHorizontalScroll(page, `home ${lang}`);
        await expectAccessible(page, `home in ${lang} at ${viewport.width}px`);
        await page.done();
      });
    }
  }

  test('the universities page lists the 12 in each language', async () => {
    const expected = { ar: 'جامعة محمد الخامس بالرباط', fr: 'Université Mohammed V de Rabat', en: 'Mohammed V University in Rabat' };
    for (const lang of LANGS) {
      for (const viewport of [PHONE, DESKTOP]) {
        const page = await openPage(suite.browser, { locale: lang, viewport });
        await page.goto(`${suite.server.url}/universities`);
        assert.equal(await heading(page), T[lang]['universities-title']);
        await page.locator('.university').nth(11).waitFor();
        assert.equal(await page.locator('.university').count(), 12);
        assert.equal(plain(await page.locator('.university h2').first().innerText()), expected[lang]);
        assert.equal(await page.title(), title(lang, 'universities-title'));
        await expectNoHorizontalScroll(page, `universities ${lang}`);
        await expectAccessible(page, `universities in ${lang} at ${viewport.width}px`);
        await page.done();
      }
    }
  });

  test('an unknown address shows the 404 page in each language', async () => {
    for (const lang of LANGS) {
      // The server answers 404, which the browser reports.
      const page = await openPage(suite.browser, { locale: lang, allow: [/Failed to load resource: .* 404/] });
      const response = await page.goto(`${suite.server.url}/no/such/page`);
      assert.equal(response.status(), 404);
      assert.equal(await heading(page), T[lang]['not-found-title']);
      assert.equal(await page.title(), title(lang, 'not-found-title'));
      await expectAccessible(page, `404 in ${lang}`);
      await page.done();
    }
  });

  test('the language chosen survives a reload, and Arabic is right to left', async () => {
    const page = await openPage(suite.browser, { locale: 'fr-FR' });
    await page.goto(suite.server.url);
    assert.equal(await heading(page), T.fr['home-title']);

    await page.click('.language-switcher button[lang="en"]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.equal(await heading(page), T.en['home-title']);
    assert.equal(await page.title(), title('en', 'home-title'));
    await page.reload();
    assert.equal(await heading(page), T.en['home-title']);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');

    await page.click('.language-switcher button[lang="ar"]');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    assert.equal(await heading(page), T.ar['home-title']);
    await page.reload();
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    assert.equal(await heading(page), T.ar['home-title']);
    // Right to left for real: the header's service name sits on the right.
    const box = await page.locator('.service-name').boundingBox();
    assert.ok(box.x + box.width > PHONE.width / 2, `service name at x=${box.x}`);
    await expectAccessible(page, 'home in Arabic after switching');
    await page.done();
  });

  test('a language whose messages cannot be fetched is not shown, and the page says so', async () => {
    const page = await openPage(suite.browser, { locale: 'fr-FR', serviceWorkers: 'block', allow: [/Failed to load resource/] });
    const english = /\/messages-en-[0-9a-f]{16}\.json$/;
    await page.route(english, (route) => route.abort('internetdisconnected'));
    await page.goto(suite.server.url);
    assert.equal(await heading(page), T.fr['home-title']);
    await page.click('.language-switcher button[lang="en"]');
    await page.locator('.language-switcher [role="alert"]', { hasText: T.fr['language-switch-failed'] }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.equal(await heading(page), T.fr['home-title']);
    assert.equal(await page.getAttribute('.language-switcher button[lang="fr"]', 'aria-pressed'), 'true');
    await expectAccessible(page, 'a language switch that failed');
    await page.unroute(english);
    await page.click('.language-switcher button[lang="en"]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.equal(await heading(page), T.en['home-title']);
    assert.equal(await page.locator('.language-switcher [role="alert"]').count(), 0);
    await page.done();
  });

  test('a link changes the page without a reload, names it, and focuses its heading', async () => {
    const page = await openPage(suite.browser, { locale: 'en' });
    await page.goto(suite.server.url);
    await heading(page);
    await page.evaluate(() => { window.sameDocument = true; });
    await page.click(`a[href="/universities"]`);
    await page.waitForFunction((text) => document.querySelector('h1')?.textContent.includes(text), T.en['universities-title']);
    assert.equal(await page.evaluate(() => window.sameDocument), true, 'client-side navigation');
    assert.equal(await page.title(), title('en', 'universities-title'));
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
    await page.goBack();
    await page.waitForFunction((text) => document.querySelector('h1')?.textContent.includes(text), T.en['home-title']);
    assert.equal(await page.title(), title('en', 'home-title'));
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
    await page.done();
  });

  test('the keyboard reaches everything: skip link, then the links', async () => {
    const page = await openPage(suite.browser, { locale: 'fr' });
    await page.goto(suite.server.url);
    await heading(page);
    await page.keyboard.press('Tab');
    assert.equal(plain(await page.evaluate(() => document.activeElement.textContent)), T.fr['skip-to-content']);
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
    // From main, the journeys' links in order.
    for (const href of ['/declare', '/status', '/offices', '/learn/who-declares', '/universities']) {
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), href);
    }
    await page.keyboard.press('Enter');
    assert.equal(await heading(page), T.fr['universities-title']);
    await page.done();
  });

  test('at 320 px wide nothing scrolls sideways, in any language', async () => {
    for (const lang of LANGS) {
      const page = await openPage(suite.browser, { locale: lang, viewport: { width: 320, height: 640 }, allow: [/Failed to load resource: .* 404/] });
      for (const route of ['/', '/universities', '/nowhere']) {
        await page.goto(`${suite.server.url}${route}`);
        await heading(page);
        if (route === '/universities') await page.locator('.university').nth(11).waitFor();
        await expectNoHorizontalScroll(page, `${route} in ${lang} at 320px`);
      }
      await page.done();
    }
  });
});

describe('when the app cannot start', () => {
  test('a message in the three languages says so', () => withOwnServer(async ({ server, browser }) => {
    // The aborted download is what the page reports.
    const page = await openPage(browser, { allow: [/Failed to load resource/, /Failed to fetch/] });
    await page.route('**/*.wasm', (route) => route.abort());
    await page.goto(server.url);
    const message = page.locator('#boot-error');
    await message.waitFor();
    for (const lang of LANGS) {
      assert.ok(await message.locator(`p[lang="${lang}"]`).isVisible(), lang);
    }
    await page.done();
  }));
});

describe('when the API is down', () => {
  test('the universities page says so in the language shown, and retry recovers', () => withOwnServer(async ({ server, browser }) => {
    for (const lang of LANGS) {
      // The browser reports the refused connections itself. Without the
      // service worker: with it, the universities would come from its cache.
      const page = await openPage(browser, { locale: lang, allow: [/Failed to load resource/], serviceWorkers: 'block' });
      await page.goto(server.url);
      await heading(page);
      await server.stop();
      await page.click('a[href="/universities"]');
      const alert = page.locator('#app [role="alert"]');
      await alert.waitFor();
      assert.match(plain(await alert.innerText()), new RegExp(T[lang]['error-network'].replace(/[.?*+()]/g, '\\$&')));
      await expectAccessible(page, `API down in ${lang}`);

      const restarted = await startServer({ port: server.port, dataDir: server.dataDir });
      server.stop = restarted.stop.bind(restarted);
      await page.click(`#app [role="alert"] button`);
      await page.locator('.university').nth(11).waitFor();
      assert.equal(await page.locator('.university').count(), 12);
      await page.done();
    }
  }));
});
