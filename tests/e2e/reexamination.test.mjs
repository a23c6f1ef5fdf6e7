// A refusal that leads somewhere, in a real browser against the real API:
// a refused student asks for a re-examination from the status page on a
// phone (French, then Arabic), correcting a mistyped Massar code; bad
// input gets the form's translated errors and loses nothing; the fund's
// agent finds the request first on the dashboard, sees the corrected code
// beside the old one and accepts, which makes the correction; one mail
// goes; the status page shows the new decision. A second request for the same decision is refused, saying
// so. Every screen passes axe.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  PHONE, ROOT, expectAccessible, expectNoHorizontalScroll, freePort, heading, launchBrowser,
  messages, openPage, passkeyPage, plain, startServer,
} from './harness.mjs';

const CLI = process.env.AMOE_OPERATOR_BIN ?? path.join(ROOT, 'target/debug/amoe-operator');
const TOKEN = 'e2e-reexamination-operator-token';
const T = { fr: messages('fr'), ar: messages('ar') };
const BO = { fr: messages('fr', 'back-office.ftl'), ar: messages('ar', 'back-office.ftl') };
const YEAR = String(new Date().getFullYear() - 20);
let n = 0;

function newStudent() {
  n += 1;
  const digits = String(400000 + n);
  return { cin: `GH${digits}`, massar: `U${digits}000`, day: '3', month: '4', year: YEAR };
}

describe('re-examination', () => {
  let server;
  let browser;
  let base;
  let agent;

  const operator = (...args) => execFileSync(CLI, args, {
    env: { ...process.env, AMOE_URL: base, AMOE_OPERATOR_TOKEN: TOKEN },
    encoding: 'utf8',
  });

  async function declare(s, lang) {
    const response = await fetch(`${base}/api/declarations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        covered: 'no', cin: s.cin, massar: s.massar, last_name: 'Bennani', first_name: 'Youssef',
        birth_day: s.day, birth_month: s.month, birth_year: s.year, email: `${s.cin}@example.ma`,
        university: 'um5', sworn: true, lang,
      }),
    });
    assert.equal(response.status, 201);
    return (await response.json()).reference;
  }

  async function refuse(reference, reason) {
    const response = await fetch(`${base}/api/operator/decisions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify([{ reference, decision: 'refused', reason_code: reason, decision_date: '2026-12-01' }]),
    });
    assert.equal(response.status, 200, await response.text());
  }

  async function lookUp(page, s) {
    await page.fill('#cin', s.cin);
    await page.fill('#massar', s.massar);
    await page.fill('#birth_day', s.day);
    await page.fill('#birth_month', s.month);
    await page.fill('#birth_year', s.year);
    await page.click('form button[type="submit"]');
    await page.locator('.declaration-status').waitFor();
  }

  const tag = async (page) => plain(await page.locator('.declaration-status .tag').first().innerText());

  async function mailed(name) {
    const outbox = path.join(server.dataDir, 'outbox');
    for (let i = 0; i < 100 && !existsSync(path.join(outbox, name)); i += 1) {
      await new Promise((r) => setTimeout(r, 100));
    }
    return readdirSync(outbox).filter((file) => file.startsWith(name.split('.')[0]));
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
    // The fund's agent, enrolled once with a passkey.
    const out = operator('invite', '--role', 'fund', '--name', 'Samira Alaoui');
    const link = out.split('\n').find((line) => line.includes('/back-office/enrol#')).trim();
    agent = await passkeyPage(browser);
    await agent.goto(link);
    await agent.getByRole('button', { name: BO.fr['bo-enrol-button'] }).click();
    await agent.locator('main h1').waitFor();
  });
  after(async () => {
    await agent?.done();
    await browser?.close();
    await server?.dispose();
  });

  for (const lang of ['fr', 'ar']) {
    test(`a refused student corrects a mistyped Massar code and is accepted, in ${lang} on a phone`, async () => {
      const s = newStudent();
      const reference = await declare(s, lang);
      await refuse(reference, 'identity_mismatch');
      const page = await openPage(browser, { locale: lang, viewport: PHONE, allow: [/Failed to load resource/] });
      await page.goto(`${base}/status`);
      await heading(page);
      await lookUp(page, s);
      assert.equal(await tag(page), T[lang]['status-refused']);
      const refused = plain(await page.locator('.declaration-status').innerText());
      assert.ok(refused.includes(T[lang]['refusal-todo-identity_mismatch']), refused);
      await page.getByRole('button', { name: T[lang]['reexam-open'] }).click();
      assert.equal(await heading(page), T[lang]['reexam-title']);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'page-heading');
      if (lang === 'ar') assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
      await expectAccessible(page, `re-examination form in ${lang}`);
      await expectNoHorizontalScroll(page, `re-examination form in ${lang}`);
      // The details start as the declaration holds them.
      assert.equal(await page.inputValue('#massar'), s.massar);
      assert.equal(await page.inputValue('#last_name'), 'Bennani');

      // Bad input: the form's own errors, translated; nothing typed is lost.
      await page.fill('#massar', 'U12');
      await page.fill('#explanation', 'x'.repeat(20));
      await page.getByRole('button', { name: T[lang]['reexam-send'] }).click();
      const summary = page.locator('.error-summary');
      await summary.waitFor();
      const errors = plain(await summary.innerText());
      assert.ok(errors.includes(T[lang]['error-reexam_reason_missing']), errors);
      assert.ok(errors.includes(T[lang]['error-massar_wrong_length']), errors);
      assert.equal(await page.inputValue('#massar'), 'U12');
      assert.equal(await page.inputValue('#explanation'), 'x'.repeat(20));
      await expectAccessible(page, `re-examination errors in ${lang}`);

      // The right code, and why.
      const corrected = `U${String(490000 + n)}000`;
      await page.locator('#reason-typo').check();
      await page.fill('#massar', corrected);
      await page.fill('#explanation', lang === 'ar' ? 'أخطأت في كتابة رقم مسار.' : 'J’ai inversé des chiffres de mon code Massar.');
      await page.getByRole('button', { name: T[lang]['reexam-send'] }).click();
      await page.locator('#reexam-sent').waitFor();
      assert.equal(plain(await page.locator('#reexam-sent').innerText()), T[lang]['reexam-sent']);
      assert.equal(await tag(page), T[lang]['status-under_reexamination']);
      const waiting = plain(await page.locator('.declaration-status').innerText());
      assert.ok(waiting.includes(T[lang]['status-todo-under_reexamination']), waiting);
      assert.equal(await page.getByRole('button', { name: T[lang]['reexam-open'] }).count(), 0);
      await expectAccessible(page, `re-examination sent in ${lang}`);
      assert.ok((await mailed(`${reference}.reexamination-1.eml`)).includes(`${reference}.reexamination-1.eml`));

      // The fund: the request first on the dashboard, the old code beside
      // the new one; accepted, as any decision.
      await agent.goto(`${base}/back-office`);
      await agent.locator('#reexaminations').waitFor();
      const row = agent.locator('table[aria-labelledby="reexaminations"] tbody tr').first();
      await row.waitFor();
      await row.getByRole('link').click();
      await agent.waitForFunction((r) => document.querySelector('main h1')?.innerText.includes(r), reference);
      const request = plain(await agent.locator('.back-reexamination').innerText());
      assert.ok(request.includes(s.massar) && request.includes(corrected), request);
      assert.ok(request.includes(BO.fr['bo-reexam-reason-typo']), request);
      await expectAccessible(agent, 'case under re-examination');
      await agent.getByLabel(BO.fr['bo-decision-covered']).check();
      await agent.getByRole('button', { name: BO.fr['bo-decide-button'] }).click();
      await agent.getByText(BO.fr['bo-decision-recorded']).waitFor();
      const mails = await mailed(`${reference}.covered-1.eml`);
      assert.ok(mails.includes(`${reference}.covered-1.eml`), String(mails));
      assert.equal(mails.filter((m) => m.includes('covered')).length, 1, String(mails));

      // The student sees the new decision, found with the corrected code
      // (until the fund accepted, with the one declared).
      await page.fill('#massar', corrected);
      await page.click('form button[type="submit"]');
      await page.waitForFunction((t) => document.querySelector('.declaration-status .tag')?.textContent.trim() === t, T[lang]['status-covered']);
      await page.locator('.attestation').waitFor();
      await page.done();
    });
  }

  test('a second request for the same decision is refused, saying so, in Arabic', async () => {
    const s = newStudent();
    const reference = await declare(s, 'ar');
    await refuse(reference, 'not_enrolled');
    // The same declaration open on two phones (or two tabs).
    const first = await openPage(browser, { locale: 'ar', viewport: PHONE, allow: [/Failed to load resource/] });
    const second = await openPage(browser, { locale: 'ar', viewport: PHONE, allow: [/Failed to load resource/] });
    for (const page of [first, second]) {
      await page.goto(`${base}/status`);
      await heading(page);
      await lookUp(page, s);
      await page.getByRole('button', { name: T.ar['reexam-open'] }).click();
      await page.locator('#reason-enrolled').check();
    }
    await first.getByRole('button', { name: T.ar['reexam-send'] }).click();
    await first.locator('#reexam-sent').waitFor();
    await second.getByRole('button', { name: T.ar['reexam-send'] }).click();
    const alert = second.locator('[role="alert"] .inset');
    await alert.waitFor();
    assert.equal(plain(await alert.innerText()), T.ar['reexam-already']);
    // Nothing is lost: the form is still there, as filled.
    assert.ok(await second.locator('#reason-enrolled').isChecked());
    await expectAccessible(second, 'second request refused in ar');
    await first.done();
    await second.done();
  });
});
