// Journey 2, "Track", in a real browser against the real API: a student
// finds their declaration with CIN, Massar code and birth date, follows it
// to a decision imported by the fund, prints the attestation; wrong and
// unknown details get the same answer; guessing is limited; the CIN is
// remembered only on request.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  LANGS, PHONE, expectAccessible, expectNoHorizontalScroll, heading, launchBrowser, messages,
  ROOT, openPage, plain, startServer,
} from './harness.mjs';

const CLI = process.env.AMOE_OPERATOR_BIN ?? path.join(ROOT, 'target/debug/amoe-operator');

const T = Object.fromEntries(LANGS.map((lang) => [lang, messages(lang)]));
const TOKEN = 'e2e-operator-token';
const YEAR = String(new Date().getFullYear() - 20);
let n = 0;

function newStudent() {
  n += 1;
  const digits = String(200000 + n);
  return { cin: `CD${digits}`, massar: `T${digits}000`, day: '9', month: '11', year: YEAR };
}

describe('status', () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer({ env: { AMOE_OPERATOR_TOKEN_SHA256: createHash('sha256').update(TOKEN).digest('hex') } });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.dispose();
  });

  async function declare(s, url = server.url) {
    const response = await fetch(`${url}/api/declarations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        covered: 'no', cin: s.cin, massar: s.massar, last_name: 'Bennani', first_name: 'Youssef',
        birth_day: s.day, birth_month: s.month, birth_year: s.year, email: `${s.cin}@example.ma`,
        university: 'usmba', sworn: true,
      }),
    });
    assert.equal(response.status, 201);
    return (await response.json()).reference;
  }

  async function decide(row) {
    const response = await fetch(`${server.url}/api/operator/decisions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify([{ decision_date: '2026-12-01', ...row }]),
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
  }

  /** The fund's round trip with the operator tool: export (marking them
   * under verification), then import a decision for each exported row. */
  function operatorRoundTrip(decision) {
    const dir = mkdtempSync(path.join(tmpdir(), 'amoe-operator-'));
    const env = { ...process.env, AMOE_URL: server.url, AMOE_OPERATOR_TOKEN: TOKEN };
    const exported = path.join(dir, 'pending.csv');
    execFileSync(CLI, ['export', '--mark', '--output', exported], { env });
    const rows = readFileSync(exported, 'utf8').replace(/^\uFEFF/, '').trim().split('\n').slice(1);
    const references = rows.map((row) => row.split(',')[0]);
    const decisions = path.join(dir, 'decisions.csv');
    // As a French-locale spreadsheet saves it: BOM, ';', CRLF.
    writeFileSync(decisions, '\uFEFFreference;decision;reason_code;reason_text;decision_date\r\n'
      + references.map((r) => `${r};${decision};;;2026-12-01\r\n`).join(''));
    const report = execFileSync(CLI, ['import', decisions], { env, encoding: 'utf8' });
    assert.match(report, new RegExp(`${references.length} decisions recorded`));
    return references;
  }

  const tag = async (page) => plain(await page.locator('.declaration-status .tag').first().innerText());

  for (const lang of LANGS) {
    test(`a declaration followed to its attestation, in ${lang}`, async () => {
      const s = newStudent();
      const reference = await declare(s);
      const page = await openPage(browser, { locale: lang, viewport: PHONE });
      await page.goto(`${server.url}/status`);
      assert.equal(await heading(page), T[lang]['status-title']);
      await expectAccessible(page, `status form in ${lang}`);
      await lookUp(page, s);
      await page.locator('.declaration-status').waitFor();
      assert.equal(await tag(page), T[lang]['status-received']);
      assert.ok(plain(await page.locator('.declaration-status').innerText()).includes(reference));
      assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H2');
      await expectAccessible(page, `status received in ${lang}`);

      // The fund: export with the operator tool (marked under verification)…
      const exported = operatorRoundTrip('covered');
      assert.ok(exported.includes(reference));
      await page.click('form button[type="submit"]');
      await page.waitForFunction((t) => document.querySelector('.declaration-status .tag')?.textContent.trim() === t, T[lang]['status-covered']);
      const attestation = plain(await page.locator('.attestation').innerText());
      assert.ok(attestation.includes('Youssef Bennani'), attestation);
      assert.ok(attestation.includes(`CD****${s.cin.slice(-2)}`), attestation);
      const events = plain(await page.locator('.declaration-status .timeline').first().innerText());
      assert.ok(events.includes(T[lang]['status-under_verification']), events);
      // Services open on the decision's day, written out.
      assert.ok(attestation.includes(`1 ${T[lang]['month-12']} 2026`), attestation);
      assert.ok(!attestation.includes(s.cin), attestation);
      await expectNoHorizontalScroll(page, `attestation in ${lang}`);
      await expectAccessible(page, `attestation in ${lang}`);
      await page.done();
    });
  }

  test('a refusal says why and what to do, in Arabic', async () => {
    const s = newStudent();
    const reference = await declare(s);
    await decide({ reference, decision: 'refused', reason_code: 'not_enrolled' });
    const page = await openPage(browser, { locale: 'ar' });
    await page.goto(`${server.url}/status`);
    await heading(page);
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    await lookUp(page, s);
    await page.locator('.declaration-status').waitFor();
    assert.equal(await tag(page), T.ar['status-refused']);
    const text = plain(await page.locator('.declaration-status').innerText());
    assert.ok(text.includes(T.ar['refusal-not_enrolled']), text);
    assert.ok(text.includes(T.ar['refusal-todo-not_enrolled']), text);
    await expectAccessible(page, 'refused in ar');
    await page.done();
  });

  test('wrong and unknown details get the same answer, and guessing costs a proof of work', async () => {
    const s = newStudent();
    await declare(s);
    // The browser itself reports the 404 and 428 answers in the console.
    const page = await openPage(browser, { locale: 'en', allow: [/Failed to load resource/] });
    await page.goto(`${server.url}/status`);
    await heading(page);
    const alert = page.locator('[role="alert"] .inset');
    await lookUp(page, { ...s, day: '10' });
    await alert.waitFor();
    const wrong = plain(await alert.innerText());
    assert.equal(wrong, T.en['status-no-match']);
    await lookUp(page, newStudent());
    await page.waitForTimeout(300);
    assert.equal(plain(await alert.innerText()), wrong);
    // Five failures for one CIN in an hour (the first above); then each
    // lookup brings a proof of work, and the answer is still the same.
    const proofs = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/status') && request.headers()['amoe-proof']) proofs.push(request);
    });
    for (let i = 0; i < 4; i += 1) {
      await lookUp(page, { ...s, day: String(11 + i) });
      await page.waitForFunction(() => document.querySelector('form button[type="submit"]')?.getAttribute('aria-disabled') !== 'true');
    }
    await lookUp(page, { ...s, day: '20' });
    await page.waitForFunction(() => document.querySelector('form button[type="submit"]')?.getAttribute('aria-disabled') !== 'true');
    assert.equal(proofs.length, 1);
    assert.equal(plain(await alert.innerText()), wrong);
    // Field errors are caught before any request.
    await page.fill('#cin', '');
    await page.click('form button[type="submit"]');
    await page.locator('.error-summary').waitFor();
    await page.done();
  });

  test('after guesses from three addresses, the student is served after a proof of work', async () => {
    // Behind one trusted proxy, each guesser is its own address.
    const guarded = await startServer({ env: { AMOE_TRUSTED_PROXY_HOPS: '1' } });
    try {
      const s = newStudent();
      await declare(s, guarded.url);
      const guess = (address, proof) => fetch(`${guarded.url}/api/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...(proof ? { 'amoe-proof': proof } : {}) },
        body: JSON.stringify({ cin: s.cin, massar: s.massar, birth_day: '1', birth_month: '1', birth_year: s.year }),
      });
      for (const address of ['41.0.0.1', '41.0.0.2', '41.0.0.3']) {
        for (let i = 0; i < 5; i += 1) assert.equal((await guess(address)).status, 404);
      }
      // Once spent, the CIN's allowance is not a lockout but a puzzle.
      const asked = await guess('41.0.0.1');
      assert.equal(asked.status, 428);
      assert.match(asked.headers.get('amoe-challenge'), /^\d+-[0-9a-f]{24}\.\d+\.[0-9a-f]{64}\.[0-9a-f]{64}$/);

      const page = await openPage(browser, { locale: 'fr', allow: [/Failed to load resource/] });
      await page.goto(`${guarded.url}/status`);
      await heading(page);
      // What the page says while the phone works, kept as it comes.
      await page.evaluate(() => {
        window.said = [];
        new MutationObserver(() => {
          const note = document.getElementById('proving');
          if (note) window.said.push(note.textContent.trim());
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      const proofs = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/api/status') && request.headers()['amoe-proof']) proofs.push(request);
      });
      const started = Date.now();
      await lookUp(page, s);
      await page.locator('.declaration-status .tag').first().waitFor({ timeout: 60_000 });
      const ms = Date.now() - started;
      console.log(`# served after a proof of work: ${ms} ms in Chromium`);
      assert.equal(proofs.length, 1);
      const said = await page.evaluate(() => window.said);
      assert.ok(said.some((text) => plain(text) === T.fr['status-proving']), JSON.stringify(said));
      await expectAccessible(page);
      await page.done();
    } finally {
      await guarded.dispose();
    }
  });

  test('the CIN is remembered on this device only when asked', async () => {
    const s = newStudent();
    await declare(s);
    const page = await openPage(browser, { locale: 'ar' });
    await page.goto(`${server.url}/status`);
    await heading(page);
    await lookUp(page, s);
    await page.locator('.declaration-status').waitFor();
    await page.reload();
    await heading(page);
    assert.equal(await page.inputValue('#cin'), '');
    await page.check('#remember');
    await lookUp(page, s);
    await page.locator('.declaration-status').waitFor();
    await page.reload();
    await heading(page);
    assert.equal(await page.inputValue('#cin'), s.cin);
    assert.equal(await page.isChecked('#remember'), true);
    await page.uncheck('#remember');
    await lookUp(page, s);
    await page.locator('.declaration-status').waitFor();
    await page.reload();
    await heading(page);
    assert.equal(await page.inputValue('#cin'), '');
    await page.done();
  });
});
