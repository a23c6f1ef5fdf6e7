// What a proof of work costs, measured: the app's own worker (proof.js) in
// Chromium, served by the server at the given URL (Web Crypto needs a
// secure context), solving puzzles of the sizes the server sets, each at
// its worst (the answer is the last number); and native SHA-256 on one
// core (OpenSSL's, of one 64-byte block, as a guesser's own code would
// hash; Node's when there is no openssl). Prints a table for
// docs/performance.md. Usage: node tests/bench/proof-cost.mjs <url> [base]

import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { launchBrowser } from '../e2e/harness.mjs';

const url = process.argv[2];
const base = Number(process.argv[3] ?? 50000);
if (!url) throw new Error('usage: node tests/bench/proof-cost.mjs <url> [base]');

const puzzle = (max) => {
  const salt = `${Math.floor(Date.now() / 1000) + 300}-${randomBytes(12).toString('hex')}`;
  const challenge = createHash('sha256').update(salt + max).digest('hex');
  return `${salt}.${max}.${challenge}.${'0'.repeat(64)}`;
};

const browser = await launchBrowser();
const page = await browser.newPage();
await page.goto(`${url}/status`);
const solveInBrowser = (header) => page.evaluate((h) => new Promise((resolve) => {
  const worker = new Worker('/proof.js');
  worker.onmessage = (event) => resolve(event.data);
  worker.postMessage(h);
}), header);

// The browser's rate, from a puzzle at the ceiling a student meets.
const rounds = 3;
let browserMs = 0;
for (let i = 0; i < rounds; i += 1) {
  const answer = await solveInBrowser(puzzle(8 * base));
  if (!answer.proof) throw new Error('the worker found no answer');
  browserMs += answer.ms;
}
const browserRate = (rounds * 8 * base) / (browserMs / 1000);
await browser.close();

// Node's native SHA-256 on one core (the salt and number as the puzzle has them).
const salt = `${Math.floor(Date.now() / 1000)}-${randomBytes(12).toString('hex')}`;
const tries = 2_000_000;
const started = process.hrtime.bigint();
for (let n = 0; n < tries; n += 1) createHash('sha256').update(salt + n).digest();
const nodeRate = tries / (Number(process.hrtime.bigint() - started) / 1e9);
// `sha256  333695.09k` (bytes a second, in thousands) for 64-byte blocks.
let opensslRate = 0;
try {
  const out = execFileSync('openssl', ['speed', '-seconds', '2', '-bytes', '64', 'sha256'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const kbytes = Number(/^sha256\s+([\d.]+)k/m.exec(out)?.[1]);
  if (kbytes > 0) opensslRate = (kbytes * 1000) / 64;
} catch {
  // No openssl: Node's rate stands for native code.
}
const nativeRate = Math.max(opensslRate, nodeRate);

const seconds = (hashes, rate) => {
  const s = hashes / rate;
  if (s < 60) return `${s.toFixed(2)} s`;
  if (s < 3600) return `${(s / 60).toFixed(1)} min`;
  return `${(s / 3600).toFixed(1)} h`;
};
console.log(`Chromium worker (proof.js): ${Math.round(browserRate).toLocaleString('en')} numbers/s`);
console.log(`Node's SHA-256, one core: ${Math.round(nodeRate).toLocaleString('en')} numbers/s`);
if (opensslRate) console.log(`OpenSSL's SHA-256, one core: ${Math.round(opensslRate).toLocaleString('en')} numbers/s (the native column)`);
console.log('');
console.log('| puzzle | numbers at most | browser, worst | browser, average | native, average |');
console.log('|---|---|---|---|---|');
const rows = [
  ['first (allowance just spent)', base],
  ['from elsewhere, at the ceiling (8 steps)', 8 * base],
  ['from the guessing address, 4th failure past it', 8 * base * 2 ** 4],
  ['from the guessing address, 10th', 8 * base * 2 ** 10],
  ['from the guessing address, 24th and after', 8 * base * 2 ** 24],
];
for (const [what, max] of rows) {
  console.log(`| ${what} | ${max.toLocaleString('en')} | ${seconds(max, browserRate)} | ${seconds(max / 2, browserRate)} | ${seconds(max / 2, nativeRate)} |`);
}
