// The back office in a real browser against the real API, with a virtual
// passkey authenticator (the DevTools protocol's WebAuthn domain): an
// operator invites agents with amoe-operator; a fund agent enrols, finds a
// declaration, decides (its mail goes to the outbox), corrects a field,
// imports a file with a bad row then a good one, reads the dashboard,
// signs out and in again; a university's staff see their own university
// only and cannot decide; a used link no longer works; a revoked agent is
// signed out at once. Every screen passes axe, at 320 px and in Arabic.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  DESKTOP, ROOT, expectAccessible, freePort, passkeyPage, expectNoHorizontalScroll, launchBrowser, messages, plain,
  startServer,
} from './harness.mjs';

const CLI = process.env.AMOE_OPERATOR_BIN ?? path.join(ROOT, 'target/debug/amoe-operator');
const TOKEN = 'e2e-back-office-operator-token';
const FR = messages('fr', 'back-office.ftl');
const AR = messages('ar', 'back-office.ftl');
const EN = messages('en', 'back-office.ftl');
const YEAR = String(new Date().getFullYear() - 20);
/** The narrowest screen the back office is made for. */
const NARROW = { width: 320, height: 640 };

describe('back office', () => {
  let server;
  let browser;
  let base;
  const references = {};

  const operator = (...args) => execFileSync(CLI, args, {
    env: { ...process.env, AMOE_URL: base, AMOE_OPERATOR_TOKEN: TOKEN },
    encoding: 'utf8',
  });
  const invite = (role, name) => {
    const out = operator('invite', '--role', role, '--name', name);
    const link = out.split('\n').find((line) => line.includes('/back-office/enrol#'));
    const id = /as agent ([0-9a-f-]+)\./.exec(out)[1];
    assert.ok(link, out);
    return { link: link.trim(), id };
  };

  async function declare(n, fields) {
    const response = await fetch(`${base}/api/declarations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        covered: 'no', cin: `EF${300000 + n}`, massar: `S${300000000 + n}`, last_name: 'Bennani',
        first_name: 'Youssef', birth_day: '9', birth_month: '11', birth_year: YEAR,
        email: `agent-test-${n}@example.ma`, university: 'um5', sworn: true, lang: 'fr', ...fields,
      }),
    });
    const body = await response.text();
    assert.equal(response.status, 201, body);
    return JSON.parse(body).reference;
  }

  const agentPage = (options) => passkeyPage(browser, options);

  async function h1(page, text) {
    const heading = page.locator('main h1');
    await page.waitForFunction(
      (expected) => document.querySelector('main h1')?.innerText.replace(/[\u2066-\u2069]/g, '').trim() === expected,
      text,
    );
    return plain(await heading.innerText());
  }

  before(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    server = await startServer({
      port,
      env: {
        AMOE_PUBLIC_URL: base,
        AMOE_OPERATOR_TOKEN_SHA256: createHash('sha256').update(TOKEN).digest('hex'),
      },
    });
    browser = await launchBrowser();
    references.hajar = await declare(1, { last_name: 'Lahlou Benkirane', first_name: 'Hajar' });
    references.amina = await declare(2, { last_name: 'العلوي', first_name: 'أمينة' });
    references.other = await declare(3, { university: 'uca', last_name: 'Tazi', first_name: 'Omar' });
    references.filed = await declare(4, { last_name: 'Chraibi', first_name: 'Salma' });
  });
  after(async () => {
    await browser?.close();
    await server?.dispose();
  });

  test('the back office is its own app: a student downloads none of it', async () => {
    const home = await (await fetch(`${base}/`)).text();
    assert.ok(!home.includes('back-office'), 'the students’ home page names no back-office file');
    const page = await fetch(`${base}/back-office/cases`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy'), /frame-ancestors 'none'/);
    assert.equal(page.headers.get('x-robots-tag'), 'noindex');
    const html = await page.text();
    assert.match(html, /amoe-back-office-[0-9a-f]{16}\.js/);
    assert.equal((await fetch(`${base}/back-office/missing.js`)).status, 404);
  });

  test('a fund agent enrols, finds, decides, corrects, imports and reads the dashboard', async () => {
    const samira = invite('fund', 'Samira Alaoui');
    const page = await agentPage();
    await page.goto(samira.link);
    await h1(page, 'Bienvenue, Samira Alaoui');
    await expectAccessible(page, 'enrolment');
    await page.getByRole('button', { name: FR['bo-enrol-button'] }).click();
    await h1(page, FR['bo-dashboard-title']);
    assert.equal(new URL(page.url()).hash, '', 'the link’s secret leaves the address');
    assert.equal((await page.passkeys()).length, 1);
    assert.ok((await page.passkeys())[0].isResidentCredential, 'a discoverable passkey');
    assert.match(await page.locator('header').innerText(), /Samira Alaoui/);
    await expectAccessible(page, 'dashboard');

    // Find by a word of the name, as typed without care.
    await page.getByRole('link', { name: FR['bo-nav-cases'] }).click();
    await h1(page, FR['bo-search-title']);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'page-heading', 'focus on the heading');
    assert.match(await page.title(), new RegExp(`^${FR['bo-search-title']} – `));
    await page.fill('#query', 'BENKIR');
    await page.getByRole('button', { name: FR['bo-search-button'] }).click();
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1);
    await expectAccessible(page, 'search');
    // Arabic names, with their letters' other forms.
    await page.fill('#query', 'علوي امينه');
    await page.getByRole('button', { name: FR['bo-search-button'] }).click();
    await page.waitForFunction((reference) => document.querySelector('tbody th a')?.innerText.includes(reference), references.amina);
    await page.fill('#query', 'benkirane');
    await page.getByRole('button', { name: FR['bo-search-button'] }).click();
    await page.waitForFunction((reference) => document.querySelector('tbody th a')?.innerText.includes(reference), references.hajar);
    await page.locator('tbody th a').first().click();
    await h1(page, `Déclaration ${references.hajar}`);
    await expectAccessible(page, 'case');

    // Decide: accepted. The mail is queued, then sent to the outbox.
    await page.getByLabel(FR['bo-decision-covered']).check();
    await page.getByRole('button', { name: FR['bo-decide-button'] }).click();
    await page.getByText(FR['bo-decision-recorded']).waitFor();
    assert.match(await page.locator('.summary-list').innerText(), new RegExp(FR['bo-status-covered']));
    await page.waitForFunction(() => document.querySelectorAll('.back-mails li').length === 2);
    const outbox = path.join(server.dataDir, 'outbox');
    for (let i = 0; i < 100 && !existsSync(path.join(outbox, `${references.hajar}.covered.eml`)); i += 1) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(readdirSync(outbox).includes(`${references.hajar}.covered.eml`), 'the decision’s mail is in the outbox');
    // The audit log names the agent.
    assert.match(await page.locator('table').last().innerText(), /Samira Alaoui \[/);

    // Correct a field: checked as the form checks it.
    await page.locator('.back-correct:not(.back-set-aside):not(.back-set-aside-others) summary').click();
    await page.selectOption('#correct-field', 'last_name');
    await page.fill('#correct-value', 'Lahlou');
    await page.getByRole('button', { name: FR['bo-correct-button'] }).click();
    await page.getByText(FR['bo-correction-recorded']).waitFor();
    assert.match(await page.locator('.summary-list').innerText(), /Lahlou Hajar/);
    // The form stays open after a correction, for the next one.
    assert.equal(await page.locator('.back-correct:not(.back-set-aside):not(.back-set-aside-others)').getAttribute('open'), '');
    await page.selectOption('#correct-field', 'cin');
    await page.fill('#correct-value', '12');
    await page.getByRole('button', { name: FR['bo-correct-button'] }).click();
    await page.locator('.error-summary').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'error-summary');
    // The message follows a language switch, and the focus stays on the switch.
    const invalid = (lang) => lang['bo-field-other'].split('}')[1].split('(')[0].trim();
    const line = (lang) => page.locator('.error-summary li', { hasText: invalid(lang) }).waitFor();
    await line(FR);
    await page.locator('.language-switcher button[lang="en"]').click();
    await page.getByRole('heading', { name: EN['bo-error-summary-title'] }).waitFor();
    await line(EN);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('lang')), 'en');
    await page.locator('.language-switcher button[lang="fr"]').click();
    await line(FR);

    // A declaration made up under Hajar's CIN flags both; set aside from
    // its case, it flags neither, and the filter finds it.
    const fake = await declare(1, {
      massar: 'X000000001', birth_year: '2001', last_name: 'Inconnu', first_name: 'Faux', email: 'squat@example.ma',
    });
    await page.goto(`${base}/back-office/cases/${fake}`);
    await h1(page, `Déclaration ${fake}`);
    assert.match(await page.locator('.summary-list').innerText(), new RegExp(FR['bo-conflict-yes'].slice(0, 20)));
    await page.locator('.back-set-aside summary').click();
    await page.getByRole('button', { name: FR['bo-set-aside-button'], exact: true }).click();
    await page.getByText(FR['bo-set-aside-recorded']).waitFor();
    assert.match(await page.locator('.summary-list').innerText(), new RegExp(FR['bo-set-aside-yes'].slice(0, 20)));
    await expectAccessible(page, 'case set aside');
    await page.goto(`${base}/back-office/cases/${references.hajar}`);
    await h1(page, `Déclaration ${references.hajar}`);
    assert.doesNotMatch(await page.locator('.summary-list').innerText(), new RegExp(FR['bo-conflict-yes'].slice(0, 20)));
    await page.getByRole('link', { name: FR['bo-nav-cases'], exact: true }).click();
    await h1(page, FR['bo-search-title']);
    await page.fill('#query', '');
    await page.locator('.back-filters summary').click();
    await page.selectOption('#set_aside', 'yes');
    await page.getByRole('button', { name: FR['bo-search-button'] }).click();
    await page.waitForFunction((reference) => document.querySelectorAll('tbody tr').length === 1
      && document.querySelector('tbody th a')?.innerText.includes(reference), fake);
    assert.match(await page.locator('tbody tr').innerText(), new RegExp(FR['bo-flag-set-aside']));
    // Two more made up: from the student's own case, set aside at once.
    for (const n of [2, 3]) {
      await declare(1, {
        massar: `X00000000${n}`, birth_year: '2001', last_name: 'Inconnu', first_name: 'Faux', email: `squat${n}@example.ma`,
      });
    }
    await page.goto(`${base}/back-office/cases/${references.hajar}`);
    await h1(page, `Déclaration ${references.hajar}`);
    assert.match(await page.locator('.summary-list').innerText(), new RegExp(FR['bo-conflict-yes'].slice(0, 20)));
    await page.locator('.back-set-aside-others summary').click();
    await page.getByRole('button', { name: FR['bo-set-aside-others-button'], exact: true }).click();
    await page.getByText(FR['bo-set-aside-others-recorded']).waitFor();
    assert.doesNotMatch(await page.locator('.summary-list').innerText(), new RegExp(FR['bo-conflict-yes'].slice(0, 20)));
    await expectAccessible(page, 'others set aside');

    // Import: a file with a bad row is refused whole, each cell named…
    await page.getByRole('link', { name: FR['bo-nav-import'] }).click();
    await h1(page, FR['bo-import-title']);
    const file = (rows) => ({
      name: 'decisions.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`reference;decision;reason_code;reason_text;decision_date\n${rows}`),
    });
    await page.setInputFiles('#decision-file', file(`${references.filed};maybe;;;2026-12-01\n`));
    await page.getByRole('button', { name: FR['bo-import-check'] }).click();
    await page.getByRole('heading', { name: FR['bo-import-refused-title'] }).waitFor();
    assert.match(await page.locator('.error-box table').innerText(), new RegExp(FR['bo-row-decision-unknown']));
    await expectAccessible(page, 'import refused');
    // …a good one is checked, nothing recorded, then recorded.
    await page.setInputFiles('#decision-file', file(`${references.filed};refused;not_enrolled;;2026-12-01\n`));
    await page.getByRole('button', { name: FR['bo-import-check'] }).click();
    await page.getByRole('heading', { name: FR['bo-import-checked-title'] }).waitFor();
    const before = await (await fetch(`${base}/api/operator/show`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ reference: references.filed }),
    })).json();
    assert.equal(before.declarations[0].status, 'received', 'a dry run records nothing');
    await page.getByRole('button', { name: FR['bo-import-apply'] }).click();
    await page.getByRole('heading', { name: FR['bo-import-done-title'] }).waitFor();

    // The dashboard counts it all, in tables beside the chart.
    await page.getByRole('link', { name: FR['bo-nav-dashboard'] }).click();
    await h1(page, FR['bo-dashboard-title']);
    const tables = await page.locator('table').allInnerTexts();
    assert.ok(tables.some((t) => /Acceptée\s+1/.test(t) && /Refusée\s+1/.test(t)), tables.join('\n'));
    assert.ok(tables.some((t) => t.includes(`${FR['bo-reason-not-enrolled']}\t1`)), `refusals by reason: ${tables.join('\n')}`);
    assert.ok(await page.locator('svg[role="img"]').getAttribute('aria-label'));
    await expectAccessible(page, 'dashboard with figures');

    // Signing out ends the session; the passkey signs in again.
    await page.getByRole('button', { name: FR['bo-sign-out'] }).click();
    await h1(page, FR['bo-sign-in-title']);
    assert.equal((await page.request.get(`${base}/api/back-office/session`)).status(), 401);
    await expectAccessible(page, 'sign-in');
    // By keyboard: the sign-in button is reached and pressed with keys.
    await page.locator('main h1').focus();
    for (let i = 0; i < 5; i += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.getAttribute('type') === 'submit')) break;
    }
    await page.keyboard.press('Enter');
    await h1(page, FR['bo-dashboard-title']);

    // A used link no longer works.
    await page.goto(samira.link);
    await h1(page, FR['bo-enrol-invalid-title']);

    // Revoked, the agent is signed out at the next request.
    await page.goto(`${base}/back-office/cases`);
    await h1(page, FR['bo-search-title']);
    operator('revoke', samira.id);
    await page.getByRole('button', { name: FR['bo-search-button'] }).click();
    await h1(page, FR['bo-sign-in-title']);
    await page.getByText(FR['bo-session-ended']).waitFor();
    await page.getByRole('button', { name: FR['bo-sign-in-button'] }).click();
    await page.locator('.error-summary').waitFor();
    assert.match(await page.locator('.error-summary').innerText(), new RegExp(FR['bo-error-passkey-rejected'].slice(0, 30)));
    await page.done();
  });

  test('a university’s staff see their own university, read-only, in Arabic on a phone', async () => {
    const nadia = invite('university:um5', 'Nadia Bennani');
    const page = await agentPage({ locale: 'ar-MA', viewport: NARROW });
    await page.goto(nadia.link);
    await page.getByRole('button', { name: AR['bo-enrol-button'] }).click();
    await h1(page, AR['bo-dashboard-title']);
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    await expectAccessible(page, 'dashboard (ar)');
    await expectNoHorizontalScroll(page, 'dashboard at 320 px');
    assert.equal(await page.getByRole('link', { name: AR['bo-nav-import'] }).count(), 0, 'no import for a university');

    await page.getByRole('link', { name: AR['bo-nav-cases'] }).click();
    await h1(page, AR['bo-search-title']);
    await page.getByRole('button', { name: AR['bo-search-button'] }).click();
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length > 0);
    const listed = await page.locator('tbody').innerText();
    assert.ok(!listed.includes(references.other), 'another university’s declaration is never listed');
    assert.ok(listed.includes(references.amina));
    await expectAccessible(page, 'search (ar)');
    await expectNoHorizontalScroll(page, 'search at 320 px');

    // Its own case: read, no decision, no correction.
    await page.goto(`${base}/back-office/cases/${references.amina}`);
    await h1(page, plain(AR['bo-case-title'].replace('{ $reference }', references.amina)));
    assert.equal(await page.getByRole('button', { name: AR['bo-decide-button'] }).count(), 0);
    assert.equal(await page.locator('.back-correct').count(), 0);
    await expectAccessible(page, 'case (ar)');
    await expectNoHorizontalScroll(page, 'case at 320 px');
    // Another university's: as if it did not exist.
    await page.goto(`${base}/back-office/cases/${references.other}`);
    await h1(page, AR['bo-case-missing-title']);
    // The import screen says it is not for this role, and the server agrees.
    await page.goto(`${base}/back-office/import`);
    await h1(page, AR['bo-import-title']);
    await page.getByText(AR['bo-error-forbidden']).waitFor();
    await page.done();
  });

  test('a university’s staff give their roster in Arabic on a phone; the fund refuses the declarations not on it', async () => {
    // Two students of one university: one on its roster, one not.
    const on = await declare(20, { university: 'uh2c', last_name: 'Berrada', first_name: 'Kenza' });
    const off = await declare(21, { university: 'uh2c', last_name: 'Sefrioui', first_name: 'Adam' });
    const roster = (rows) => ({
      name: 'inscrits.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\ufeffNom;Prénom;CNE;Date de naissance;N° CIN\r\n${rows}`),
    });
    const leila = invite('university:uh2c', 'Leila Berrada');
    const page = await agentPage({ locale: 'ar-MA', viewport: NARROW });
    await page.goto(leila.link);
    await page.getByRole('button', { name: AR['bo-enrol-button'] }).click();
    await h1(page, AR['bo-dashboard-title']);
    await page.getByRole('link', { name: AR['bo-nav-roster'] }).click();
    await h1(page, AR['bo-roster-title']);
    await expectAccessible(page, 'roster (ar)');
    // A wrong row: every wrong cell shown, nothing kept.
    await page.setInputFiles('#roster-file', roster('BERRADA;Kenza;S30000002;31/02/2004;EF300020\r\n'));
    await page.getByRole('button', { name: AR['bo-import-check'] }).click();
    await page.getByRole('heading', { name: AR['bo-import-refused-title'] }).waitFor();
    const refused = await page.locator('.error-box tbody').innerText();
    assert.ok(refused.includes(AR['bo-row-massar-wrong-length']), refused);
    assert.ok(refused.includes(AR['bo-row-birth-date-not-a-real-date'].split(':')[0]), refused);
    await expectAccessible(page, 'roster refused (ar)');
    await expectNoHorizontalScroll(page, 'roster refused at 320 px');
    // The right file: checked, then given.
    await page.setInputFiles('#roster-file', roster(`BERRADA;Kenza;S300000020;09/11/${YEAR};EF300020\r\n`));
    await page.getByRole('button', { name: AR['bo-import-check'] }).click();
    await page.getByRole('heading', { name: AR['bo-import-checked-title'] }).waitFor();
    await page.getByRole('button', { name: AR['bo-roster-apply'] }).click();
    await page.getByRole('heading', { name: AR['bo-roster-given-title'] }).waitFor();
    // Its declarations are matched, the page asking again meanwhile: one of
    // two on it.
    await page.getByText(AR['bo-roster-matching-now']).waitFor({ state: 'detached', timeout: 15_000 });
    await page.waitForFunction(() => /1\D+2/.test(document.querySelector('.summary-list')?.innerText ?? ''));
    await expectAccessible(page, 'roster given (ar)');
    await expectNoHorizontalScroll(page, 'roster given at 320 px');
    // Complete.
    await page.getByText(AR['bo-roster-final-title']).click();
    await page.getByRole('button', { name: AR['bo-roster-final-button'] }).click();
    await page.getByText(AR['bo-roster-reopen-title']).waitFor();
    await page.done();

    // The fund's agent finds the one off the roster and refuses it.
    const karim = invite('fund', 'Karim Tazi');
    const fund = await agentPage();
    await fund.goto(karim.link);
    await fund.getByRole('button', { name: FR['bo-enrol-button'] }).click();
    await h1(fund, FR['bo-dashboard-title']);
    await fund.getByRole('link', { name: FR['bo-nav-roster'] }).click();
    await h1(fund, FR['bo-roster-title']);
    await fund.selectOption('#roster-university', 'uh2c');
    // The one step, behind its disclosure.
    await fund.locator('details.back-correct summary').click();
    await expectAccessible(fund, 'roster refusal (fr)');
    await fund.getByRole('button', { name: FR['bo-roster-refuse-button'] }).click();
    await fund.getByText(/1 déclaration refusée/).waitFor();
    await fund.goto(`${base}/back-office/cases/${off}`);
    await fund.getByText(FR['bo-reason-not-enrolled']).waitFor();
    await fund.getByText(FR['bo-roster-off-final']).waitFor();
    await fund.goto(`${base}/back-office/cases/${on}`);
    await fund.getByText(FR['bo-roster-on']).waitFor();
    await fund.done();
  });
});
