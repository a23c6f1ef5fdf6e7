// Journey 1, "Declare", in a real browser against the real API: every step
// in three languages (phone size, Arabic right to left), every error path,
// answers kept through a reload, sent exactly once (offline, double click),
// the not-eligible branches, and the keyboard alone.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LANGS, PHONE, expectAccessible, expectNoHorizontalScroll, heading, launchBrowser, messages,
  openPage, plain, sharedServerAndBrowser, startServer,
} from './harness.mjs';

const T = Object.fromEntries(LANGS.map((lang) => [lang, messages(lang)]));
const YEAR = String(new Date().getFullYear() - 20);
let student = 0;

/** A new student's answers (distinct CIN and Massar code). */
function newStudent() {
  student += 1;
  const n = String(100000 + student);
  return {
    cin: `BE${n}`, massar: `S${n}000`.slice(0, 10).padEnd(10, '0'), last: 'El Amrani', first: 'Salma',
    day: '7', month: '3', year: YEAR, email: `salma${student}@example.ma`,
  };
}

/** The declarations the API holds for this student (POST /api/status). */
async function declarationsOf(server, s) {
  const response = await fetch(`${server.url}/api/status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ cin: s.cin, massar: s.massar, birth_day: s.day, birth_month: s.month, birth_year: s.year }),
  });
  if (response.status === 404) return [];
  assert.equal(response.status, 200);
  return (await response.json()).declarations;
}

const submit = (page) => page.click('form button[type="submit"]');

async function expectHeading(page, lang, key) {
  await page.waitForFunction((text) => document.querySelector('h1')?.textContent.replace(/[\u2068\u2069]/g, '').trim() === text, T[lang][key]);
}

async function fillIdentity(page, s) {
  await page.fill('#cin', s.cin);
  await page.fill('#massar', s.massar);
  await page.fill('#last_name', s.last);
  await page.fill('#first_name', s.first);
  await page.fill('#birth_day', s.day);
  await page.fill('#birth_month', s.month);
  await page.fill('#birth_year', s.year);
}

/** From the start page to "Check your answers", checking each step. */
async function answerEverything(page, lang, s, { axe = false } = {}) {
  const check = async (label) => { if (axe) await expectAccessible(page, `${label} in ${lang}`); };
  await expectHeading(page, lang, 'declare-title');
  await check('start');
  await page.click('a.button[href="/declare/coverage"]');
  await expectHeading(page, lang, 'coverage-title');
  await check('coverage');
  await page.check('#covered-no');
  await submit(page);
  await expectHeading(page, lang, 'identity-title');
  await check('identity');
  await fillIdentity(page, s);
  await submit(page);
  await expectHeading(page, lang, 'contact-title');
  await check('contact');
  await page.fill('#email', s.email);
  await submit(page);
  await expectHeading(page, lang, 'university-title');
  await page.locator('.radio').nth(11).waitFor();
  await check('university');
  await page.fill('#university-search', 'rabat');
  assert.equal(await page.locator('.radio').count(), 1, 'the search keeps Rabat only');
  await page.check('#university');
  await submit(page);
  await expectHeading(page, lang, 'check-title');
  await check('check');
}

describe('declare', () => {
  const suite = sharedServerAndBrowser();

  for (const lang of LANGS) {
    test(`the whole journey in ${lang} on a phone, accessible at every step`, async () => {
      const page = await openPage(suite.browser, { locale: lang, viewport: PHONE });
      const s = newStudent();
      await page.goto(`${suite.server.url}/declare`);
      await expectHeading(page, lang, 'declare-title');
      await page.locator('main', { hasText: T[lang]['privacy-title'] }).waitFor();
      // No configuration hint for a student: without a CNDP number, the
      // notice leaves the sentence out.
      const notice = plain(await page.locator('main').innerText());
      assert.ok(!notice.includes('AMOE_'), notice);
      assert.ok(!notice.includes(T[lang]['privacy-cndp'].split('{')[0].trim()), notice);
      await answerEverything(page, lang, s, { axe: true });
      assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
      const rows = plain(await page.locator('.summary-list').innerText());
      assert.ok(rows.includes(s.cin) && rows.includes(s.email), rows);
      await page.check('#sworn');
      await page.click('button:has-text("' + T[lang].send + '")');
      await expectHeading(page, lang, 'confirmation-title');
      const reference = plain(await page.locator('.panel .code').innerText());
      assert.match(reference, /^AMOE-[0-9A-Z]{4}-[0-9A-Z]{3}$/);
      // The receipt shows the CIN only in part.
      const receipt = plain(await page.locator('.receipt').innerText());
      assert.ok(receipt.includes('BE****' + s.cin.slice(-2)), receipt);
      assert.ok(!receipt.includes(s.cin));
      assert.equal(await page.locator('main a[href="/status"]').count(), 1, 'a link to check the status later');
      await expectNoHorizontalScroll(page, `confirmation in ${lang}`);
      await expectAccessible(page, `confirmation in ${lang}`);
      const stored = await declarationsOf(suite.server, s);
      assert.equal(stored.length, 1);
      assert.equal(stored[0].reference, reference);
      // Only the receipt stays on the device: no CIN, Massar code, birth
      // date, e-mail or phone.
      const kept = await page.evaluate(() => JSON.stringify({ ...localStorage }));
      for (const secret of [s.cin, s.massar, s.email, YEAR]) {
        assert.ok(!kept.includes(secret), `${secret} kept in ${kept}`);
      }
      const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('amoe.declaration')));
      assert.ok(Object.values(saved.form).every((answer) => answer === '' || answer === false || answer === null), kept);
      assert.ok(kept.includes(reference) && kept.includes(s.first), kept);
      await page.done();
    });
  }

  test('after sending, "clear" leaves nothing of the service on the device', async () => {
    const page = await openPage(suite.browser, { locale: 'en', allow: [/status of 404/] });
    const s = newStudent();
    // A CIN remembered on the status page, a language chosen: also the
    // service's.
    await page.goto(`${suite.server.url}/status`);
    await heading(page);
    await page.fill('#cin', s.cin);
    await page.fill('#massar', s.massar);
    await page.fill('#birth_day', s.day);
    await page.fill('#birth_month', s.month);
    await page.fill('#birth_year', s.year);
    await page.check('#remember');
    await page.click('form button[type="submit"]');
    await page.locator('[role="alert"] .inset').waitFor();
    await page.click('.language-switcher button[lang="fr"]');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    await page.click('.language-switcher button[lang="en"]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.ok(await page.evaluate(() => localStorage.length) >= 2);
    await page.goto(`${suite.server.url}/declare`);
    await answerEverything(page, 'en', s);
    await page.check('#sworn');
    await page.click(`button:has-text("${T.en.send}")`);
    await expectHeading(page, 'en', 'confirmation-title');
    assert.equal(plain(await page.locator('main').innerText()).includes(T.en['device-receipt-only']), true);
    await page.click(`button:has-text("${T.en['device-clear']}")`);
    await page.locator('[role="status"]', { hasText: T.en['device-cleared'] }).waitFor();
    assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
    await page.reload();
    await heading(page);
    assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
    await page.done();
  });

  test('the same details again are told they are declared, and leave the device', async () => {
    const page = await openPage(suite.browser, { locale: 'fr', allow: [/status of 409/] });
    const s = newStudent();
    const declared = await fetch(`${suite.server.url}/api/declarations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({
        covered: 'no', cin: s.cin, massar: s.massar, last_name: s.last, first_name: s.first,
        birth_day: s.day, birth_month: s.month, birth_year: s.year, email: s.email, university: 'um5', sworn: true,
      }),
    });
    assert.equal(declared.status, 201);
    await page.goto(`${suite.server.url}/declare`);
    await answerEverything(page, 'fr', s);
    await page.check('#sworn');
    await page.click(`button:has-text("${T.fr.send}")`);
    await expectHeading(page, 'fr', 'declare-title');
    const alert = page.locator('[role="alert"] .inset', { hasText: T.fr['send-already-declared'] });
    await alert.waitFor();
    assert.equal(await alert.locator('a[href="/status"]').count(), 1);
    assert.equal(await page.evaluate(() => localStorage.getItem('amoe.declaration')), null);
    await expectAccessible(page, 'already declared');
    await page.done();
  });

  test('a student whose CIN was typed by others declares after a proof of work, and is told why', async () => {
    const page = await openPage(suite.browser, { locale: 'ar', allow: [/status of 428/] });
    const s = newStudent();
    // Five made-up declarations under the student's CIN, from this
    // network: its allowance for the day.
    for (let n = 0; n < 5; n += 1) {
      const made = await fetch(`${suite.server.url}/api/declarations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({
          covered: 'no', cin: s.cin, massar: `X00000000${n}`, last_name: 'X', first_name: 'Y',
          birth_day: '1', birth_month: '1', birth_year: '2001', email: `squat${n}.${s.email}`, university: 'um5', sworn: true,
        }),
      });
      assert.equal(made.status, 201);
    }
    const proofs = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/declarations') && request.headers()['amoe-proof']) proofs.push(request);
    });
    await page.goto(`${suite.server.url}/declare`);
    await answerEverything(page, 'ar', s);
    await page.evaluate(() => {
      window.said = [];
      new MutationObserver(() => {
        const note = document.getElementById('proving');
        if (note) window.said.push(note.textContent.trim());
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.check('#sworn');
    const started = Date.now();
    await page.click(`button:has-text("${T.ar.send}")`);
    await expectHeading(page, 'ar', 'confirmation-title');
    console.log(`# declared after a proof of work: ${Date.now() - started} ms in Chromium`);
    assert.equal(proofs.length, 1);
    const said = await page.evaluate(() => window.said);
    assert.ok(said.some((text) => plain(text) === T.ar['send-proving']), JSON.stringify(said));
    assert.equal((await declarationsOf(suite.server, s)).length, 1);
    await page.done();
  });

  test('every field says what is wrong, in the summary and beside it', async () => {
    const page = await openPage(suite.browser, { locale: 'fr' });
    await page.goto(`${suite.server.url}/declare/coverage`);
    await expectHeading(page, 'fr', 'coverage-title');
    await submit(page);
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.className), 'error-summary');
    await page.waitForFunction((prefix) => document.title.startsWith(prefix), T.fr['error-prefix']);
    assert.ok(plain(await summary.innerText()).includes(T.fr['error-covered_missing']));
    await expectAccessible(page, 'coverage with an error');
    await page.check('#covered-no');
    await submit(page);
    await expectHeading(page, 'fr', 'identity-title');

    // Everything empty: one message per field.
    await submit(page);
    await summary.waitFor();
    const texts = plain(await summary.innerText());
    for (const key of ['error-cin_empty', 'error-massar_empty', 'error-last_name-name_empty', 'error-first_name-name_empty', 'error-birth_date_empty']) {
      assert.ok(texts.includes(T.fr[key]), `${key} in ${texts}`);
    }
    assert.equal(await page.locator('.error-message').count(), 5);
    // A summary link takes the focus to its field.
    await summary.locator(`a[href="#massar"]`).click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'massar');
    await expectAccessible(page, 'identity with errors');

    // Malformed values.
    await fillIdentity(page, { cin: '12', massar: 'R1', last: 'R2D2', first: 'Salma', day: '31', month: '2', year: YEAR });
    await submit(page);
    await page.waitForFunction((t) => document.querySelector('.error-summary')?.textContent.includes(t), T.fr['error-cin_missing_letters']);
    const malformed = plain(await summary.innerText());
    for (const key of ['error-massar_wrong_length', 'error-last_name-name_invalid_characters', 'error-birth_date_not_a_real_date']) {
      assert.ok(malformed.includes(T.fr[key]), `${key} in ${malformed}`);
    }
    // Arabic-Indic digits are numbers like any others.
    const s = newStudent();
    await fillIdentity(page, { ...s, cin: 'be ' + s.cin.slice(2).replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[d]), day: '٧', month: '٣', year: YEAR.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[d]) });
    await submit(page);
    await expectHeading(page, 'fr', 'contact-title');
    await page.waitForFunction((prefix) => !document.title.startsWith(prefix), T.fr['error-prefix']);
    await page.fill('#email', 'salma@');
    await page.fill('#phone', '+33 6 12 34 56 78');
    await submit(page);
    await page.waitForFunction((t) => document.querySelector('.error-summary')?.textContent.includes(t), T.fr['error-email_invalid']);
    assert.ok(plain(await summary.innerText()).includes(T.fr['error-phone_not_moroccan']));
    await page.done();
  });

  test('answers survive a reload, and can be cleared from the device', async () => {
    const page = await openPage(suite.browser, { locale: 'en' });
    await page.goto(`${suite.server.url}/declare/identity`);
    await expectHeading(page, 'en', 'identity-title');
    await page.fill('#cin', 'AB123456');
    await page.fill('#last_name', 'Bennani');
    await page.reload();
    await expectHeading(page, 'en', 'identity-title');
    assert.equal(await page.inputValue('#cin'), 'AB123456');
    assert.equal(await page.inputValue('#last_name'), 'Bennani');
    await page.goto(`${suite.server.url}/declare`);
    await expectHeading(page, 'en', 'declare-title');
    await page.click(`button:has-text("${T.en['declare-clear']}")`);
    await page.locator('[role="status"]', { hasText: T.en['declare-cleared'] }).waitFor();
    assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
    await page.goto(`${suite.server.url}/declare/identity`);
    await expectHeading(page, 'en', 'identity-title');
    assert.equal(await page.inputValue('#cin'), '');
    // Answers left untouched for more than two hours are forgotten.
    await page.evaluate(() => localStorage.setItem('amoe.declaration', JSON.stringify({
      touched_at: Date.now() - 2 * 3600 * 1000 - 60_000, form: { cin: 'AB123456', covered: 'no' },
    })));
    await page.reload();
    await expectHeading(page, 'en', 'identity-title');
    assert.equal(await page.inputValue('#cin'), '');
    assert.equal(await page.evaluate(() => localStorage.getItem('amoe.declaration')), null);
    await page.done();
  });

  test('a device with last year\'s declaration is asked to renew it', async () => {
    const page = await openPage(suite.browser, { locale: 'en' });
    await page.goto(`${suite.server.url}/`);
    await heading(page);
    const lastYear = new Date().getFullYear() - 2;
    const previous = `${lastYear}-${lastYear + 1}`;
    const saved = await (await fetch(`${suite.server.url}/api/config`)).json();
    await page.evaluate(([previous]) => localStorage.setItem('amoe.declaration', JSON.stringify({
      year: previous,
      receipt: { reference: 'AMOE-0000-000', academic_year: previous, status: 'received', received_at: '2024-10-01T10:00:00Z' },
    })), [previous]);
    await page.goto(`${suite.server.url}/declare`);
    const renew = page.locator('.inset', { hasText: saved.academic_year });
    await renew.waitFor();
    assert.ok(plain(await renew.innerText()).includes(previous));
    await page.done();
  });

  test('a Change link comes back to the check page', async () => {
    const page = await openPage(suite.browser, { locale: 'fr' });
    const s = newStudent();
    await page.goto(`${suite.server.url}/declare`);
    await answerEverything(page, 'fr', s);
    await page.click('a[href="/declare/contact?change=1"]');
    await expectHeading(page, 'fr', 'contact-title');
    await page.fill('#email', 'changed@example.ma');
    await submit(page);
    await expectHeading(page, 'fr', 'check-title');
    assert.ok(plain(await page.locator('.summary-list').innerText()).includes('changed@example.ma'));
    await page.done();
  });

  test('sent offline, it waits, and goes once when the connection returns', async () => {
    const page = await openPage(suite.browser, { locale: 'fr', allow: [/Failed to load resource/] });
    const s = newStudent();
    await page.goto(`${suite.server.url}/declare`);
    await answerEverything(page, 'fr', s);
    await page.check('#sworn');
    await page.context().setOffline(true);
    await page.click(`button:has-text("${T.fr.send}")`);
    await page.locator('[role="alert"] .inset', { hasText: T.fr['offline-waiting'].slice(0, 30) }).waitFor();
    assert.deepEqual(await declarationsOf(suite.server, s), []);
    await page.context().setOffline(false);
    await expectHeading(page, 'fr', 'confirmation-title');
    assert.equal((await declarationsOf(suite.server, s)).length, 1);
    await page.done();
  });

  test('a declaration that could not go is sent when the app next starts, whatever the page', async () => {
    const page = await openPage(suite.browser, { locale: 'fr', allow: [/Failed to load resource/] });
    const s = newStudent();
    await page.goto(`${suite.server.url}/declare`);
    await answerEverything(page, 'fr', s);
    await page.check('#sworn');
    await page.route('**/api/declarations', (route) => route.abort('internetdisconnected'));
    await page.click(`button:has-text("${T.fr.send}")`);
    await page.locator('[role="alert"] .inset', { hasText: T.fr['offline-waiting'].slice(0, 30) }).waitFor();
    await page.unroute('**/api/declarations');
    assert.deepEqual(await declarationsOf(suite.server, s), []);
    // The student comes back later to a guide page: the wizard's code is
    // fetched for the waiting declaration, which goes once.
    const sent = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/declarations');
    await page.goto(`${suite.server.url}/learn/steps`);
    assert.ok((await sent).ok());
    assert.equal((await declarationsOf(suite.server, s)).length, 1);
    await page.done();
  });

  test('a double click sends once', async () => {
    const page = await openPage(suite.browser, { locale: 'en' });
    const s = newStudent();
    await page.goto(`${suite.server.url}/declare`);
    await answerEverything(page, 'en', s);
    await page.check('#sworn');
    await page.dblclick(`button:has-text("${T.en.send}")`);
    await expectHeading(page, 'en', 'confirmation-title');
    assert.equal((await declarationsOf(suite.server, s)).length, 1);
    await page.done();
  });

  for (const lang of LANGS) {
    test(`a student covered elsewhere, or over the age limit, is told why, in ${lang}`, async () => {
      const page = await openPage(suite.browser, { locale: lang });
      await page.goto(`${suite.server.url}/declare/coverage`);
      await expectHeading(page, lang, 'coverage-title');
      await page.check('#covered-yes');
      await submit(page);
      await expectHeading(page, lang, 'scheme-title');
      await page.check('#scheme-other');
      await submit(page);
      await page.locator('.error-summary').waitFor();
      await expectAccessible(page, `scheme with an error in ${lang}`);
      await page.fill('#other_scheme', 'تعاضدية');
      await submit(page);
      await expectHeading(page, lang, 'not-eligible-title');
      assert.equal(plain(await page.locator('.lead').innerText()), T[lang]['not-eligible-covered']);
      await expectAccessible(page, `not eligible (covered) in ${lang}`);

      await page.goto(`${suite.server.url}/declare/coverage`);
      await page.check('#covered-no');
      await submit(page);
      await expectHeading(page, lang, 'identity-title');
      await fillIdentity(page, { ...newStudent(), year: String(new Date().getFullYear() - 40) });
      await submit(page);
      await expectHeading(page, lang, 'not-eligible-title');
      assert.ok(plain(await page.locator('.lead').innerText()).includes('30'));
      await page.done();
    });
  }

  test('the whole wizard works with the keyboard alone', async () => {
    const page = await openPage(suite.browser, { locale: 'fr' });
    const s = newStudent();
    const tabTo = async (selector) => {
      for (let i = 0; i < 40; i += 1) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((sel) => document.activeElement?.matches(sel), selector)) return;
      }
      assert.fail(`Tab never reached ${selector}`);
    };
    const type = async (selector, text) => { await tabTo(selector); await page.keyboard.type(text); };
    await page.goto(`${suite.server.url}/declare`);
    await expectHeading(page, 'fr', 'declare-title');
    await tabTo('a.button[href="/declare/coverage"]');
    await page.keyboard.press('Enter');
    await expectHeading(page, 'fr', 'coverage-title');
    await tabTo('#covered-yes');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.isChecked('#covered-no'), true);
    await page.keyboard.press('Enter');
    await expectHeading(page, 'fr', 'identity-title');
    await type('#cin', s.cin);
    await type('#massar', s.massar);
    await type('#last_name', s.last);
    await type('#first_name', s.first);
    await type('#birth_day', s.day);
    await type('#birth_month', s.month);
    await type('#birth_year', s.year);
    await page.keyboard.press('Enter');
    await expectHeading(page, 'fr', 'contact-title');
    await type('#email', s.email);
    await page.keyboard.press('Enter');
    await expectHeading(page, 'fr', 'university-title');
    await page.locator('.radio').nth(11).waitFor();
    await tabTo('input[name="university"]');
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await expectHeading(page, 'fr', 'check-title');
    await tabTo('#sworn');
    await page.keyboard.press('Space');
    await tabTo(`button.button`);
    await page.keyboard.press('Enter');
    await expectHeading(page, 'fr', 'confirmation-title');
    assert.equal((await declarationsOf(suite.server, s)).length, 1);
    await page.done();
  });
});
