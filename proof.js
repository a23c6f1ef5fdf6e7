// Solves a status lookup's proof of work off the page's thread: given the
// `AMOE-Challenge` header `<salt>.<max>.<challenge>.<signature>`, finds the
// number n (0 ≤ n ≤ max) whose SHA-256 of `salt` followed by n in decimal
// is the challenge, and answers the `AMOE-Proof` header
// `<salt>.<max>.<n>.<signature>` (or nothing, for a puzzle with no answer).
// Hashes go to the browser's own SHA-256 (Web Crypto) in batches, so that
// each await carries many.
const BATCH = 256;


async function solve(header) {
  const [salt, maxText, challenge, signature] = header.split('.');
  const max = Number(maxText);
  if (!salt || !Number.isSafeInteger(max) || !/^[0-9a-f]{64}$/.test(challenge) || !signature) {
    return null;
  }
  const target = Uint8Array.from(challenge.match(/../g), (h) => parseInt(h, 16));
  const found = (buffer) => {
    const digest = new Uint8Array(buffer);
    for (let i = 0; i < 32; i += 1) if (digest[i] !== target[i]) return false;
    return true;
  };
  const encoder = new TextEncoder();
  for (let start = 0; start <= max; start += BATCH) {
    const end = Math.min(start + BATCH - 1, max);
    const tries = [];
    for (let n = start; n <= end; n += 1) {
      tries.push(crypto.subtle.digest('SHA-256', encoder.encode(salt + n)));
    }
    const digests = await Promise.all(tries);
    for (let i = 0; i < digests.length; i += 1) {
      if (found(digests[i])) return `${salt}.${max}.${start + i}.${signature}`;
    }
  }
  return null;
}

self.onmessage = async (event) => {
  const started = performance.now();
  let proof = null;
  try {
    proof = await solve(String(event.data));
  } catch {
    // No Web Crypto here (not a secure context): no answer, said at once.
  }
  self.postMessage({ proof, ms: Math.round(performance.now() - started) });
  self.close();
};
