// Arabic pages show codes and numbers in their own order: a law number
// (09-08), a phone example (06 12 34 56 78), an academic year (2026-2027)
// and a reference (AMOE-7K4P-Q2X) read left to right inside right-to-left
// text. Checked where a student sees them, by the on-screen position of
// each one's first and last group; a control without isolation shows that
// the measure sees the reordering it is there to catch.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LANGS, PHONE, messages, openPage, sharedServerAndBrowser,
} from './harness.mjs';

const T = Object.fromEntries(LANGS.map((lang) => [lang, messages(lang)]));
const YEAR = String(new Date().getFullYear() - 20);

/**
 * The first text on the page matching `pattern`: its first and last groups
 * of letters and digits, and where each is drawn (null when absent).
 */
async function groupsOf(page, pattern) {
  return page.evaluate((source) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const match = new RegExp(source).exec(node.data);
      if (!match) continue;
      const groups = [...match[0].matchAll(/[0-9A-Z]+/g)];
      const first = groups[0];
      const last = groups[groups.length - 1];
      const box = (group) => {
        const range = document.createRange();
        range.setStart(node, match.index + group.index);
        range.setEnd(node, match.index + group.index + group[0].length);
        const rect = range.getBoundingClientRect();
        return { left: rect.left, top: rect.top };
      };
      return { text: match[0], first: box(first), last: box(last) };
    }
    return null;
  }, pattern.source);
}

async function expectLeftToRight(page, pattern, label) {
  await page.waitForFunction((source) => new RegExp(source).test(document.body.innerText), pattern.source);
  const found = await groupsOf(page, pattern);
  assert.ok(found, `${label}: ${pattern} is on the page`);
  assert.ok(Math.abs(found.first.top - found.last.top) < 4, `${label}: ${found.text} fits on one line`);
  assert.ok(
    found.first.left < found.last.left,
    `${label}: ${found.text} reads left to right (first group at ${found.first.left}, last at ${found.last.left})`,
  );
}

const heading = (page, key) => page.waitForFunction(
  (text) => document.querySelector('h1')?.textContent.replace(/[\u2068\u2069]/g, '').trim() === text,
  T.ar[key],
);
const submit = (page) => page.click('form button[type="submit"]');

describe('Arabic bidi', () => {
  const suite = sharedServerAndBrowser();

  test('the measure sees a phone number reordered when it is not isolated', async () => {
    const page = await openPage(suite.browser, { locale: 'ar', viewport: PHONE });
    await page.goto(`${suite.server.url}/`);
    await page.evaluate(() => {
      const control = document.createElement('p');
      control.dir = 'rtl';
      control.textContent = 'مثلا 06 12 34 56 78';
      document.body.prepend(control);
    });
    const found = await groupsOf(page, /06 12 34 56 78/);
    assert.ok(found.first.left > found.last.left, 'without isolation the groups come out reversed');
    await page.done();
  });

  test('a law number, an academic year, a phone example and a reference keep their order', async () => {
    const page = await openPage(suite.browser, { locale: 'ar', viewport: PHONE });
    await page.goto(`${suite.server.url}/declare`);
    await heading(page, 'declare-title');
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    await expectLeftToRight(page, /09-08/, 'the law in the personal-data notice');
    await expectLeftToRight(page, /\d{4}-\d{4}/, 'the academic year');
    await page.click('a.button[href="/declare/coverage"]');
    await heading(page, 'coverage-title');
    await page.check('#covered-no');
    await submit(page);
    await heading(page, 'identity-title');
    await page.fill('#cin', 'BX123456');
    await page.fill('#massar', 'R130654321');
    await page.fill('#last_name', 'بناني');
    await page.fill('#first_name', 'سلمى');
    await page.fill('#birth_day', '7');
    await page.fill('#birth_month', '3');
    await page.fill('#birth_year', YEAR);
    await submit(page);
    await heading(page, 'contact-title');
    await expectLeftToRight(page, /06 12 34 56 78/, 'the phone example');
    await page.fill('#email', 'salma.bidi@example.ma');
    await submit(page);
    await heading(page, 'university-title');
    await page.fill('#university-search', 'rabat');
    await page.check('#university');
    await submit(page);
    await heading(page, 'check-title');
    await page.check('#sworn');
    await page.click('button:has-text("' + T.ar.send + '")');
    await heading(page, 'confirmation-title');
    await expectLeftToRight(page, /AMOE-[0-9A-Z]{4}-[0-9A-Z]{3}/, 'the reference');
    await expectLeftToRight(page, /\d{4}-\d{4}/, 'the academic year of the receipt');
    await page.done();
  });
});
