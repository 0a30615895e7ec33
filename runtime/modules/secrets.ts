// Python's `secrets`: tokens and choices drawn from the OS's entropy source (Node's crypto,
// as random.SystemRandom and os.urandom draw).
import { nodeModule } from "../core/host.js";
import { Bytes } from "../values/bytes.js";
import { ValueError } from "../values/exceptions.js";
import { toBigInt } from "../values/numeric.js";
import { compare_digest } from "./hmac.js";
import { moduleObject } from "./module-object.js";
import { SystemRandom } from "./random.js";

const DEFAULT_ENTROPY = 32n;

let generator: SystemRandom | null = null;
/** The module's generator, made on first use. */
function system(): SystemRandom {
  return (generator ??= new SystemRandom());
}

function entropy(nbytes: unknown): number {
  const n = nbytes === null || nbytes === undefined ? DEFAULT_ENTROPY : toBigInt(nbytes as bigint);
  if (n < 0n) throw new ValueError("negative argument not allowed");
  return Number(n);
}

function randomBytes(nbytes: unknown): Uint8Array {
  return nodeModule("node:crypto").randomBytes(entropy(nbytes)) as Uint8Array;
}

/** `token_bytes([nbytes])`: that many random bytes (32 by default). */
function token_bytes(nbytes: unknown = null): Bytes {
  return Bytes.fromArray(randomBytes(nbytes));
}

/** `token_hex([nbytes])`: the random bytes as hex digits, two per byte. */
function token_hex(nbytes: unknown = null): string {
  return Array.from(randomBytes(nbytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** `token_urlsafe([nbytes])`: the random bytes in URL-safe base64, without padding. */
function token_urlsafe(nbytes: unknown = null): string {
  const base64 = btoa(String.fromCharCode(...randomBytes(nbytes)));
  return base64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** `randbelow(n)`: a random int in [0, n). */
function randbelow(exclusiveUpperBound: unknown): bigint {
  if (toBigInt(exclusiveUpperBound as bigint) <= 0n) throw new ValueError("Upper bound must be positive.");
  return system().randrange(exclusiveUpperBound);
}

export const secretsModule = moduleObject("secrets", {
  __all__: ["choice", "randbelow", "randbits", "SystemRandom", "token_bytes", "token_hex", "token_urlsafe", "compare_digest"],
  DEFAULT_ENTROPY,
  SystemRandom,
  compare_digest,
  choice: (seq: unknown): unknown => system().choice(seq),
  randbits: (k: unknown): bigint => system().getrandbits(k),
  randbelow,
  token_bytes,
  token_hex,
  token_urlsafe,
});
