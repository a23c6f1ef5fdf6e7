// Embed in a real browser: a sample university portal served
// from another origin (another port on 127.0.0.1) includes embed.js; the
// student declares inside the frame with the university preset; the frame
// follows the content's height; the portal's language wins; a portal not on
// the list cannot frame the app; a message from another origin is ignored;
// a portal vouches for its student with a signed token, and bad tokens are
// refused.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createHash, createPrivateKey, randomUUID, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  LANGS, ROOT, expectAccessible, launchBrowser, messages, openPage, plain, startServer,
} from './harness.mjs';

const T = Object.fromEntries(LANGS.map((lang) => [lang, messages(lang)]));
/** The frame titles, from locales/<lang>/embed.ftl. */
const TITLES = Object.fromEntries(LANGS.map((lang) => [lang, Object.fromEntries(
  readFileSync(path.join(ROOT, 'locales', lang, 'embed.ftl'), 'utf8').split('\n')
    .map((line) => /^embed-title-(\w+) = (.*)$/.exec(line)).filter(Boolean).map((m) => [m[1], m[2]]),
)]));
const YEAR = String(new Date().getFullYear() - 20);
const OPERATOR_TOKEN = 'e2e-embed-operator-token';

/** The test key pair of docs/embedding.md: the portal signs, the service checks. */
const PORTAL_KEY = createPrivateKey(readFileSync(path.join(ROOT, 'docs/portal-test-key/private.pem')));
const PORTAL_PUBLIC = readFileSync(path.join(ROOT, 'docs/portal-test-key/public.pem'), 'utf8')
  .split('\n').filter((line) => line && !line.startsWith('-----')).join('');
/** A key no portal is configured with. */
const FORGER_KEY = createPrivateKey(`-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIDe8wMXvzRnrAcbUJAcNljxlixobKpntFJ1s4SWcfmGe
-----END PRIVATE KEY-----
`);

/** What a portal's server does for its logged-in student: a JWT (EdDSA). */
function portalToken(issuer, claims, key = PORTAL_KEY) {
  const now = Math.floor(Date.now() / 1000);
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ alg: 'EdDSA', typ: 'JWT' })}.${part({
    iss: issuer, aud: 'http://localhost:8080', iat: now, exp: now + 300, jti: randomUUID(),
    university: 'um5', ...claims,
  })}`;
  return `${input}.${sign(null, Buffer.from(input), key).toString('base64url')}`;
}

/** A portal: a plain page with a heading, some text and the snippet. */
function portalPage(apiUrl, attributes) {
  const data = Object.entries(attributes).map(([k, v]) => ` data-${k}="${v}"`).join('');
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>ENT – Université</title></head>
<body style="margin:0;font-family:sans-serif">
<header style="background:#7a1f2b;color:#fff;padding:1rem"><p style="margin:0;font-size:1.25rem">ENT de l’université</p></header>
<main style="max-width:50rem;margin:auto;padding:1rem">
<h1>Inscription administrative</h1>
<p>Avant de vous réinscrire, déclarez votre couverture médicale.</p>
<script src="${apiUrl}/embed.js"${data} async></script>
<p id="after">Suite de la page du portail.</p>
</main>
</body></html>`;
}

/** Serves `page(query)` at any path on a free port of 127.0.0.1. */
async function startPortal(page) {
  const server = createServer((request, response) => {
    const query = new URL(request.url, 'http://x').searchParams;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page(query));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

/** The app's frame, once its page has a heading. */
async function appFrame(page, apiUrl) {
  const handle = await page.waitForSelector('iframe.amoe-embed');
  const frame = await handle.contentFrame();
  await frame.waitForURL((url) => url.origin === apiUrl);
  await frame.locator('h1').waitFor();
  return { frame, handle };
}

async function expectHeading(frame, lang, key) {
  await frame.waitForFunction((text) => document.querySelector('h1')?.textContent.replace(/[\u2068\u2069]/g, '').trim() === text, T[lang][key]);
}

/** The frame's height on the portal equals its content's (waits for it). */
async function expectFits(page, frame, label) {
  const measure = async () => ({
    content: await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height)),
    framed: await page.evaluate(() => document.querySelector('iframe.amoe-embed').getBoundingClientRect().height),
  });
  let last = await measure();
  for (let i = 0; i < 50 && Math.abs(last.framed - last.content) > 1; i += 1) {
    await page.waitForTimeout(100);
    last = await measure();
  }
  assert.ok(Math.abs(last.framed - last.content) <= 1, `${label}: frame ${last.framed}px for ${last.content}px of content`);
  return last.framed;
}

describe('embed', () => {
  const suite = {};
  before(async () => {
    // The portal must exist first: its origin goes into the API's list.
    suite.portal = await startPortal((query) => portalPage(suite.api.url, Object.fromEntries(query)));
    suite.refused = await startPortal((query) => portalPage(suite.api.url, Object.fromEntries(query)));
    suite.api = await startServer({
      env: {
        AMOE_PORTAL_ORIGINS: suite.portal.url,
        AMOE_PORTAL_KEYS: `${suite.portal.url} um5 ${PORTAL_PUBLIC}`,
        AMOE_OPERATOR_TOKEN_SHA256: createHash('sha256').update(OPERATOR_TOKEN).digest('hex'),
      },
    });
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.api?.dispose();
    await suite.portal?.close();
    await suite.refused?.close();
  });

  test('embed.js is small, defines one global and inserts a titled, lazy, borderless frame', async () => {
    const response = await fetch(`${suite.api.url}/embed.js`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /javascript/);
    const source = await response.text();
    console.log(`embed.js: ${source.length} bytes`);
    assert.ok(source.length < 4096, `${source.length} bytes`);
    const page = await openPage(suite.browser, { locale: 'fr' });
    await page.goto(`${suite.portal.url}/?university=um5&lang=fr&journey=declare`);
    const { handle } = await appFrame(page, suite.api.url);
    // Globals the page has that a blank window does not (frame indexes aside).
    const added = await page.evaluate(() => {
      const blank = document.createElement('iframe');
      document.body.append(blank);
      const known = new Set(Object.keys(blank.contentWindow));
      blank.remove();
      return Object.keys(window).filter((k) => !known.has(k) && !/^\d+$/.test(k));
    });
    assert.deepEqual(added, ['AMOE']);
    assert.equal(await handle.getAttribute('title'), TITLES.fr.declare);
    assert.equal(await handle.getAttribute('loading'), 'lazy');
    const style = await handle.evaluate((f) => {
      const parent = getComputedStyle(f.parentElement);
      const content = f.parentElement.clientWidth - parseFloat(parent.paddingLeft) - parseFloat(parent.paddingRight);
      return { border: getComputedStyle(f).borderTopWidth, width: f.getBoundingClientRect().width, content };
    });
    assert.equal(style.border, '0px');
    assert.ok(Math.abs(style.width - style.content) <= 1, `full width: ${JSON.stringify(style)}`);
    await page.done();
  });

  test('a student declares inside the frame, university preset, and the frame fits each page', async () => {
    const page = await openPage(suite.browser, { locale: 'fr', viewport: { width: 390, height: 800 } });
    await page.goto(`${suite.portal.url}/?university=um5&lang=fr&journey=declare`);
    const { frame } = await appFrame(page, suite.api.url);
    await expectHeading(frame, 'fr', 'declare-title');
    // No header or footer of the service inside the portal.
    assert.equal(await frame.locator('header, footer').count(), 0);
    assert.equal(await frame.locator('.language-switcher button').count(), 3);
    const short = await expectFits(page, frame, 'start page');
    await expectAccessible(page, 'the portal with the embed');
    await expectAccessible(frame, 'the start page in the frame');

    await frame.click('a.button[href="/declare/coverage"]');
    await expectHeading(frame, 'fr', 'coverage-title');
    await frame.check('#covered-no');
    await frame.click('form button[type="submit"]');
    await expectHeading(frame, 'fr', 'identity-title');
    // An error summary makes the page longer: the frame follows.
    const beforeErrors = await expectFits(page, frame, 'identity');
    await frame.click('form button[type="submit"]');
    await frame.locator('.error-summary').waitFor();
    const withErrors = await expectFits(page, frame, 'identity with errors');
    assert.ok(withErrors > beforeErrors, `${withErrors} > ${beforeErrors}`);
    await frame.fill('#cin', 'EM123456');
    await frame.fill('#massar', 'E123456789');
    await frame.fill('#last_name', 'Bennani');
    await frame.fill('#first_name', 'Yasmine');
    await frame.fill('#birth_day', '12');
    await frame.fill('#birth_month', '4');
    await frame.fill('#birth_year', YEAR);
    await frame.click('form button[type="submit"]');
    await expectHeading(frame, 'fr', 'contact-title');
    await frame.fill('#email', 'yasmine@example.ma');
    await frame.click('form button[type="submit"]');
    await expectHeading(frame, 'fr', 'university-title');
    // The portal's university only, already chosen, no search box.
    await frame.locator('#university:checked').waitFor();
    assert.equal(await frame.locator('.radio').count(), 1);
    assert.match(plain(await frame.locator('.radio label').innerText()), /Mohammed V/);
    assert.equal(await frame.locator('#university-search').count(), 0);
    await frame.click('form button[type="submit"]');
    await expectHeading(frame, 'fr', 'check-title');
    const long = await expectFits(page, frame, 'check page');
    assert.ok(long > short, `the check page (${long}px) is longer than the start (${short}px)`);
    await frame.check('#sworn');
    await frame.click(`button:has-text("${T.fr.send}")`);
    await expectHeading(frame, 'fr', 'confirmation-title');
    await expectFits(page, frame, 'confirmation');
    const reference = plain(await frame.locator('.panel .code').innerText());
    assert.match(reference, /^AMOE-/);
    // Stored with the portal's university.
    const response = await fetch(`${suite.api.url}/api/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cin: 'EM123456', massar: 'E123456789', birth_day: '12', birth_month: '4', birth_year: YEAR }),
    });
    const [declaration] = (await response.json()).declarations;
    assert.equal(declaration.reference, reference);
    assert.equal(declaration.university, 'um5');
    await page.done();
  });

  test('a portal vouches for its student: the identity is filled in, locked, stored as vouched, and never written to the device', async () => {
    const student = {
      cin: 'VO123456', massar: 'V123456789', last_name: 'Alaoui', first_name: 'Imane', birth_date: `${YEAR}-05-09`,
    };
    const token = portalToken(suite.portal.url, student);
    const page = await openPage(suite.browser, { locale: 'fr' });
    await page.goto(`${suite.portal.url}/?university=um5&lang=fr&journey=declare&token=${token}`);
    const { frame } = await appFrame(page, suite.api.url);
    await expectHeading(frame, 'fr', 'declare-title');
    await frame.click('a.button[href="/declare/coverage"]');
    await frame.check('#covered-no');
    await frame.click('form button[type="submit"]');
    await expectHeading(frame, 'fr', 'identity-title');
    // Shown as the portal vouched for it, nothing to type or change.
    await frame.locator('.inset', { hasText: T.fr['portal-vouched'] }).waitFor();
    assert.equal(await frame.locator('input').count(), 0);
    const shown = plain(await frame.locator('.summary-list').innerText());
    assert.ok(shown.includes('VO123456') && shown.includes('Alaoui') && shown.includes(YEAR), shown);
    await expectAccessible(frame, 'the vouched identity');
    // The device keeps nothing the portal vouched for: not while the
    // student answers, not once declared (a shared computer, often).
    const nothingVouchedStored = async (when) => {
      const stored = await frame.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
      for (const vouched of ['VO123456', 'V123456789', 'Alaoui', 'Imane']) {
        assert.ok(!stored.includes(vouched), `${when}: ${vouched} is stored: ${stored}`);
      }
      const saved = JSON.parse(JSON.parse(stored)['amoe.declaration'] ?? '{}');
      for (const field of ['cin', 'massar', 'last_name', 'first_name', 'birth_day', 'birth_month', 'birth_year']) {
        assert.ok(!saved.form?.[field], `${when}: ${field} is stored: ${stored}`);
      }
      return stored;
    };
    const answering = await nothingVouchedStored('while answering');
    assert.ok(answering.includes('amoe.declaration'), `the answers are kept: ${answering}`);
    await frame.click('form button[type="submit"]');
    await expectHeading(frame, 'fr', 'contact-title');
    await frame.fill('#email', 'imane@example.ma');
    await frame.click('form button[type="submit"]');
    await expectHeading(frame, 'fr', 'university-title');
    await frame.click('form button[type="submit"]');
    await expectHeading(frame, 'fr', 'check-title');
    // Only what the student answered can be changed.
    const changes = await frame.locator('.summary-action a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    assert.deepEqual(changes, [
      '/declare/coverage?change=1', '/declare/contact?change=1', '/declare/contact?change=1', '/declare/university?change=1',
    ], 'coverage, e-mail, phone and establishment');
    await frame.check('#sworn');
    await frame.click(`button:has-text("${T.fr.send}")`);
    await expectHeading(frame, 'fr', 'confirmation-title');
    await nothingVouchedStored('once declared');
    // Stored under the vouched identity, vouched by the portal's university.
    const exported = await (await fetch(`${suite.api.url}/api/operator/export`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${OPERATOR_TOKEN}` },
      body: '{}',
    })).json();
    const mine = exported.declarations.find((d) => d.cin === 'VO123456');
    assert.equal(mine.vouched_by, 'um5');
    assert.equal(mine.massar, 'V123456789');
    assert.equal(mine.identity_conflict, false);
    await page.done();
  });

  const someone = (cin) => ({ cin, massar: 'V123456780', last_name: 'X', first_name: 'Y', birth_date: `${YEAR}-01-01` });
  for (const [kind, token] of [
    ['forged', async () => portalToken(suite.portal.url, someone('VF123456'), FORGER_KEY)],
    ['expired', async () => portalToken(suite.portal.url, { ...someone('VE123456'), iat: 1_700_000_000, exp: 1_700_000_300 })],
    ['wrong-audience', async () => portalToken(suite.portal.url, { ...someone('VA123456'), aud: 'https://another.service.example' })],
    ['unknown-portal', async () => portalToken('https://ent.unknown.example', someone('VU123456'))],
    ['replayed', async () => {
      // Used once already, by a declaration its portal page sent.
      const used = portalToken(suite.portal.url, someone('VR123456'));
      const response = await fetch(`${suite.api.url}/api/declarations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), 'amoe-portal-token': used },
        body: JSON.stringify({ covered: 'no', email: 'replayed@example.ma', sworn: true }),
      });
      assert.equal(response.status, 201);
      return used;
    }],
  ]) {
    test(`a ${kind} portal token is refused in the frame, and the student can still type`, async () => {
      const page = await openPage(suite.browser, { locale: 'fr', allow: [/status of 401/] });
      await page.goto(`${suite.portal.url}/?university=um5&lang=fr&journey=declare&token=${await token()}`);
      const { frame } = await appFrame(page, suite.api.url);
      await frame.locator('[role="alert"] .inset', { hasText: T.fr['portal-token-refused'] }).waitFor();
      await expectAccessible(frame, `a ${kind} token`);
      await frame.click('a.button[href="/declare/coverage"]');
      await frame.check('#covered-no');
      await frame.click('form button[type="submit"]');
      await expectHeading(frame, 'fr', 'identity-title');
      assert.equal(await frame.inputValue('#cin'), '');
      await page.done();
    });
  }

  test('a link that leaves the journey opens in a new tab, not in the frame', async () => {
    const page = await openPage(suite.browser, { locale: 'fr' });
    await page.goto(`${suite.portal.url}/?university=um5&lang=fr&journey=status`);
    const { frame } = await appFrame(page, suite.api.url);
    await expectHeading(frame, 'fr', 'status-title');
    await frame.evaluate(() => {
      const a = document.createElement('a');
      a.href = '/offices';
      a.id = 'leave';
      a.textContent = 'offices';
      document.querySelector('main').append(a);
    });
    const [popup] = await Promise.all([page.context().waitForEvent('page'), frame.click('#leave')]);
    await popup.waitForLoadState();
    assert.equal(new URL(popup.url()).pathname, '/offices');
    await expectHeading(frame, 'fr', 'status-title');
    await page.done();
  });

  test('Arabic asked by the portal gives a right-to-left frame; the student can switch', async () => {
    const page = await openPage(suite.browser, { locale: 'fr' });
    await page.goto(`${suite.portal.url}/?university=um5&lang=ar&journey=declare`);
    const { frame, handle } = await appFrame(page, suite.api.url);
    await expectHeading(frame, 'ar', 'declare-title');
    assert.equal(await frame.getAttribute('html', 'dir'), 'rtl');
    assert.equal(await frame.getAttribute('html', 'lang'), 'ar');
    assert.equal(await handle.getAttribute('title'), TITLES.ar.declare);
    await expectAccessible(frame, 'the frame in Arabic');
    await frame.click('.language-switcher button[lang="en"]');
    await expectHeading(frame, 'en', 'declare-title');
    assert.equal(await frame.getAttribute('html', 'dir'), 'ltr');
    await page.done();
  });

  test('an unknown data-university gets a clear message in the frame', async () => {
    const page = await openPage(suite.browser, { locale: 'fr' });
    await page.goto(`${suite.portal.url}/?university=nope&lang=fr&journey=declare`);
    const { frame } = await appFrame(page, suite.api.url);
    const alert = frame.locator('[role="alert"]', { hasText: 'nope' });
    await alert.waitFor();
    assert.match(plain(await alert.innerText()), /nope/);
    assert.ok(plain(await alert.innerText()).startsWith(T.fr['embed-unknown-university'].slice(0, 20)));
    await expectAccessible(frame, 'the unknown-university message');
    await page.done();
  });

  test('a portal not on the list cannot frame the app', async () => {
    const page = await openPage(suite.browser, { locale: 'fr', allow: [/frame-ancestors|Refused to frame|Failed to load resource/] });
    await page.goto(`${suite.refused.url}/?university=um5&lang=fr&journey=declare`);
    const handle = await page.waitForSelector('iframe.amoe-embed');
    // The browser refuses the frame: no page of the app inside.
    await page.waitForTimeout(1500);
    const frame = await handle.contentFrame();
    const url = frame ? frame.url() : '';
    assert.ok(!url.startsWith(suite.api.url), `the frame shows the app (${url})`);
    const app = frame ? await frame.locator('#page-heading').count().catch(() => 0) : 0;
    assert.equal(app, 0, 'the frame shows a page of the app');
    await page.done();
  });

  test('a height message from another origin is ignored', async () => {
    const page = await openPage(suite.browser, { locale: 'fr' });
    await page.goto(`${suite.portal.url}/?university=um5&lang=fr&journey=declare`);
    const { frame } = await appFrame(page, suite.api.url);
    const height = await expectFits(page, frame, 'start');
    // The portal's own origin (not the app's) posts a height.
    await page.evaluate(() => window.postMessage({ type: 'amoe:height', height: 5 }, '*'));
    await page.waitForTimeout(300);
    const after = await page.evaluate(() => document.querySelector('iframe.amoe-embed').getBoundingClientRect().height);
    assert.equal(after, height);
    await page.done();
  });
});
