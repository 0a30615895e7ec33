// Python indexes a str by code point; JS by UTF-16 unit. The two agree for a string without
// surrogates, which is almost every string a program indexes, so `s[i]`, `s[a:b]` and
// `len(s)` work on the JS string directly and split into code points only when astral
// characters are present. Scanning a long string for surrogates on every `s[i]` would make
// character loops quadratic, so the answer for long strings is cached (V8 keeps a string's
// hash in the string, so a lookup of the same string is O(1)).

const SURROGATE = /[\uD800-\uDFFF]/;

/** Strings shorter than this are scanned each time (cheaper than a lookup). */
const CACHE_FROM = 64;
const CACHE_SIZE = 64;
/** Long strings seen lately: null when without surrogates, else their code points. */
const seen = new Map<string, string[] | null>();
/**
 * Whether `s` holds a UTF-16 surrogate. A short string is scanned by its units: `len(w)` of
 * each word of a text asked this of every word, and a regular expression call costs more than
 * the few units of a word.
 */
export function hasSurrogates(s: string): boolean {
  if (s.length >= CACHE_FROM) return SURROGATE.test(s);
  for (let i = 0; i < s.length; i++) if ((s.charCodeAt(i) & 0xf800) === 0xd800) return true;
  return false;
}

/** The long string asked about last, and its answer. */
let lastString = "";
let lastPoints: string[] | null = null;

/** The code points of `s` when it holds surrogates; null when a UTF-16 index is a code-point index. */
export function astralCodePoints(s: string): string[] | null {
  if (s.length < CACHE_FROM) return hasSurrogates(s) ? Array.from(s) : null;
  // (the string of a character loop: one comparison, usually of two pointers, before the map)
  if (s === lastString) return lastPoints;
  let points = seen.get(s);
  if (points === undefined) {
    points = SURROGATE.test(s) ? Array.from(s) : null;
    // Forget everything at once when full: cheap, and a loop's string is re-added at once.
    if (seen.size >= CACHE_SIZE) seen.clear();
    seen.set(s, points);
  }
  lastString = s;
  lastPoints = points;
  return points;
}


/** `len(s)` in code points. */
export function strLength(s: string): number {
  const points = astralCodePoints(s);
  return points === null ? s.length : points.length;
}
