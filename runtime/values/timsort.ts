// CPython's list sort (Objects/listobject.c, described in Objects/listsort.txt), written from
// that description so a user `__lt__` sees the same calls, on the same pairs, in the same order:
// natural runs (strictly descending ones reversed), binary insertion up to minrun, the
// powersort merge policy of 3.11 (run powers decide when pending runs merge), and merge_lo /
// merge_hi with galloping (min_gallop adapting). Keys and values move together (`values` is
// null when the keys are the items). When a comparison raises, the arrays are left as CPython
// leaves them: every item present once, the merge in progress copied back.

const MIN_GALLOP = 7;

type Less = (a: unknown, b: unknown) => boolean;

interface Run {
  base: number;
  len: number;
  power: number;
}

/** minrun for n items: the top 6 bits of n, plus 1 when any lower bit is set. */
function minRun(n: number): number {
  let r = 0;
  while (n >= 64) {
    r |= n & 1;
    n >>= 1;
  }
  return n + r;
}

/** The power of the run boundary between runs [s1, s1+n1) and [s1+n1, s1+n1+n2) of n items. */
function powerLoop(s1: number, n1: number, n2: number, n: number): number {
  let result = 0;
  let a = 2 * s1 + n1;
  let b = a + n1 + n2;
  for (;;) {
    ++result;
    if (a >= n) {
      a -= n;
      b -= n;
    } else if (b >= n) {
      break;
    }
    a *= 2;
    b *= 2;
  }
  return result;
}

class MergeState {
  minGallop = MIN_GALLOP;
  readonly pending: Run[] = [];

  constructor(
    readonly keys: unknown[],
    readonly values: unknown[] | null,
    readonly lt: Less,
  ) {}

  /** Length of the run at lo (at most hi - lo); descending runs are strictly descending. */
  countRun(lo: number, hi: number): { n: number; descending: boolean } {
    const k = this.keys;
    const lt = this.lt;
    if (lo + 1 === hi) return { n: 1, descending: false };
    let n = 2;
    let p = lo + 1;
    if (lt(k[p], k[p - 1])) {
      for (p = p + 1; p < hi; ++p, ++n) if (!lt(k[p], k[p - 1])) break;
      return { n, descending: true };
    }
    for (p = p + 1; p < hi; ++p, ++n) if (lt(k[p], k[p - 1])) break;
    return { n, descending: false };
  }

  reverse(lo: number, hi: number): void {
    reverseRange(this.keys, lo, hi);
    if (this.values !== null) reverseRange(this.values, lo, hi);
  }

  /** Binary insertion of [start, hi) into the sorted [lo, start). */
  binarySort(lo: number, hi: number, start: number): void {
    const k = this.keys;
    const v = this.values;
    const lt = this.lt;
    if (lo === start) ++start;
    for (; start < hi; ++start) {
      let l = lo;
      let r = start;
      const pivot = k[r];
      do {
        const p = l + ((r - l) >> 1);
        if (lt(pivot, k[p])) r = p;
        else l = p + 1;
      } while (l < r);
      for (let p = start; p > l; --p) k[p] = k[p - 1];
      k[l] = pivot;
      if (v !== null) {
        const pv = v[start];
        for (let p = start; p > l; --p) v[p] = v[p - 1];
        v[l] = pv;
      }
    }
  }

  /** The leftmost position in a[base, base+n) where key belongs (a[pos-1] < key <= a[pos]). */
  gallopLeft(key: unknown, a: unknown[], base: number, n: number, hint: number): number {
    const lt = this.lt;
    const at = base + hint;
    let lastofs = 0;
    let ofs = 1;
    if (lt(a[at], key)) {
      const maxofs = n - hint;
      while (ofs < maxofs) {
        if (lt(a[at + ofs], key)) {
          lastofs = ofs;
          ofs = ofs * 2 + 1;
        } else break;
      }
      if (ofs > maxofs) ofs = maxofs;
      lastofs += hint;
      ofs += hint;
    } else {
      const maxofs = hint + 1;
      while (ofs < maxofs) {
        if (lt(a[at - ofs], key)) break;
        lastofs = ofs;
        ofs = ofs * 2 + 1;
      }
      if (ofs > maxofs) ofs = maxofs;
      const k = lastofs;
      lastofs = hint - ofs;
      ofs = hint - k;
    }
    ++lastofs;
    while (lastofs < ofs) {
      const m = lastofs + ((ofs - lastofs) >> 1);
      if (lt(a[base + m], key)) lastofs = m + 1;
      else ofs = m;
    }
    return ofs;
  }

  /** The rightmost position in a[base, base+n) where key belongs (a[pos-1] <= key < a[pos]). */
  gallopRight(key: unknown, a: unknown[], base: number, n: number, hint: number): number {
    const lt = this.lt;
    const at = base + hint;
    let lastofs = 0;
    let ofs = 1;
    if (lt(key, a[at])) {
      const maxofs = hint + 1;
      while (ofs < maxofs) {
        if (lt(key, a[at - ofs])) {
          lastofs = ofs;
          ofs = ofs * 2 + 1;
        } else break;
      }
      if (ofs > maxofs) ofs = maxofs;
      const k = lastofs;
      lastofs = hint - ofs;
      ofs = hint - k;
    } else {
      const maxofs = n - hint;
      while (ofs < maxofs) {
        if (lt(key, a[at + ofs])) break;
        lastofs = ofs;
        ofs = ofs * 2 + 1;
      }
      if (ofs > maxofs) ofs = maxofs;
      lastofs += hint;
      ofs += hint;
    }
    ++lastofs;
    while (lastofs < ofs) {
      const m = lastofs + ((ofs - lastofs) >> 1);
      if (lt(key, a[base + m])) ofs = m;
      else lastofs = m + 1;
    }
    return ofs;
  }

  /** Merges the runs at pending[i] and pending[i+1]. */
  mergeAt(i: number): void {
    const p = this.pending;
    let sa = p[i]!.base;
    let na = p[i]!.len;
    const sb = p[i + 1]!.base;
    let nb = p[i + 1]!.len;
    p[i]!.len = na + nb;
    if (i === p.length - 3) p[i + 1] = p[i + 2]!;
    p.pop();
    const k = this.gallopRight(this.keys[sb], this.keys, sa, na, 0);
    sa += k;
    na -= k;
    if (na === 0) return;
    nb = this.gallopLeft(this.keys[sa + na - 1], this.keys, sb, nb, nb - 1);
    if (nb <= 0) return;
    if (na <= nb) this.mergeLo(sa, na, sb, nb);
    else this.mergeHi(sa, na, sb, nb);
  }

  /** Merges [sa, sa+na) and [sb, sb+nb) (adjacent, na <= nb) left to right, a in a temp. */
  mergeLo(sa: number, na: number, sb: number, nb: number): void {
    const K = this.keys;
    const V = this.values;
    const tk = K.slice(sa, sa + na);
    const tv = V === null ? null : V.slice(sa, sa + na);
    let dest = sa;
    let pa = 0;
    let pb = sb;
    let copyB = false;
    const lt = this.lt;
    K[dest] = K[pb];
    if (V !== null) V[dest] = V[pb];
    dest++;
    pb++;
    try {
      merge: {
        if (--nb === 0) break merge;
        if (na === 1) {
          copyB = true;
          break merge;
        }
        let minGallop = this.minGallop;
        for (;;) {
          let acount = 0;
          let bcount = 0;
          for (;;) {
            if (lt(K[pb], tk[pa])) {
              K[dest] = K[pb];
              if (V !== null) V[dest] = V[pb];
              dest++;
              pb++;
              ++bcount;
              acount = 0;
              if (--nb === 0) break merge;
              if (bcount >= minGallop) break;
            } else {
              K[dest] = tk[pa];
              if (V !== null) V[dest] = tv![pa];
              dest++;
              pa++;
              ++acount;
              bcount = 0;
              if (--na === 1) {
                copyB = true;
                break merge;
              }
              if (acount >= minGallop) break;
            }
          }
          ++minGallop;
          do {
            if (minGallop > 1) minGallop--;
            this.minGallop = minGallop;
            let k = this.gallopRight(K[pb], tk, pa, na, 0);
            acount = k;
            if (k) {
              copyRange(tk, pa, K, dest, k);
              if (V !== null) copyRange(tv!, pa, V, dest, k);
              dest += k;
              pa += k;
              na -= k;
              if (na === 1) {
                copyB = true;
                break merge;
              }
              if (na === 0) break merge;
            }
            K[dest] = K[pb];
            if (V !== null) V[dest] = V[pb];
            dest++;
            pb++;
            if (--nb === 0) break merge;
            k = this.gallopLeft(tk[pa], K, pb, nb, 0);
            bcount = k;
            if (k) {
              copyRange(K, pb, K, dest, k);
              if (V !== null) copyRange(V, pb, V, dest, k);
              dest += k;
              pb += k;
              nb -= k;
              if (nb === 0) break merge;
            }
            K[dest] = tk[pa];
            if (V !== null) V[dest] = tv![pa];
            dest++;
            pa++;
            if (--na === 1) {
              copyB = true;
              break merge;
            }
          } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
          ++minGallop;
          this.minGallop = minGallop;
        }
      }
    } catch (e) {
      if (na) {
        copyRange(tk, pa, K, dest, na);
        if (V !== null) copyRange(tv!, pa, V, dest, na);
      }
      throw e;
    }
    if (copyB) {
      // The last item of a belongs at the end of the merge.
      copyRange(K, pb, K, dest, nb);
      if (V !== null) copyRange(V, pb, V, dest, nb);
      K[dest + nb] = tk[pa];
      if (V !== null) V[dest + nb] = tv![pa];
    } else if (na) {
      copyRange(tk, pa, K, dest, na);
      if (V !== null) copyRange(tv!, pa, V, dest, na);
    }
  }

  /** Merges [sa, sa+na) and [sb, sb+nb) (adjacent, na >= nb) right to left, b in a temp. */
  mergeHi(sa: number, na: number, sb: number, nb: number): void {
    const K = this.keys;
    const V = this.values;
    const tk = K.slice(sb, sb + nb);
    const tv = V === null ? null : V.slice(sb, sb + nb);
    const basea = sa;
    let dest = sb + nb - 1;
    let pa = sa + na - 1;
    let pb = nb - 1;
    let copyA = false;
    const lt = this.lt;
    K[dest] = K[pa];
    if (V !== null) V[dest] = V[pa];
    dest--;
    pa--;
    try {
      merge: {
        if (--na === 0) break merge;
        if (nb === 1) {
          copyA = true;
          break merge;
        }
        let minGallop = this.minGallop;
        for (;;) {
          let acount = 0;
          let bcount = 0;
          for (;;) {
            if (lt(tk[pb], K[pa])) {
              K[dest] = K[pa];
              if (V !== null) V[dest] = V[pa];
              dest--;
              pa--;
              ++acount;
              bcount = 0;
              if (--na === 0) break merge;
              if (acount >= minGallop) break;
            } else {
              K[dest] = tk[pb];
              if (V !== null) V[dest] = tv![pb];
              dest--;
              pb--;
              ++bcount;
              acount = 0;
              if (--nb === 1) {
                copyA = true;
                break merge;
              }
              if (bcount >= minGallop) break;
            }
          }
          ++minGallop;
          do {
            if (minGallop > 1) minGallop--;
            this.minGallop = minGallop;
            let k = this.gallopRight(tk[pb], K, basea, na, na - 1);
            k = na - k;
            acount = k;
            if (k) {
              dest -= k;
              pa -= k;
              copyRange(K, pa + 1, K, dest + 1, k);
              if (V !== null) copyRange(V, pa + 1, V, dest + 1, k);
              na -= k;
              if (na === 0) break merge;
            }
            K[dest] = tk[pb];
            if (V !== null) V[dest] = tv![pb];
            dest--;
            pb--;
            if (--nb === 1) {
              copyA = true;
              break merge;
            }
            k = this.gallopLeft(K[pa], tk, 0, nb, nb - 1);
            k = nb - k;
            bcount = k;
            if (k) {
              dest -= k;
              pb -= k;
              copyRange(tk, pb + 1, K, dest + 1, k);
              if (V !== null) copyRange(tv!, pb + 1, V, dest + 1, k);
              nb -= k;
              if (nb === 1) {
                copyA = true;
                break merge;
              }
              if (nb === 0) break merge;
            }
            K[dest] = K[pa];
            if (V !== null) V[dest] = V[pa];
            dest--;
            pa--;
            if (--na === 0) break merge;
          } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
          ++minGallop;
          this.minGallop = minGallop;
        }
      }
    } catch (e) {
      if (nb) {
        copyRange(tk, 0, K, dest - (nb - 1), nb);
        if (V !== null) copyRange(tv!, 0, V, dest - (nb - 1), nb);
      }
      throw e;
    }
    if (copyA) {
      // The first item of b belongs at the front of the merge.
      copyRange(K, pa + 1 - na, K, dest + 1 - na, na);
      if (V !== null) copyRange(V, pa + 1 - na, V, dest + 1 - na, na);
      dest -= na;
      K[dest] = tk[pb];
      if (V !== null) V[dest] = tv![pb];
    } else if (nb) {
      copyRange(tk, 0, K, dest - (nb - 1), nb);
      if (V !== null) copyRange(tv!, 0, V, dest - (nb - 1), nb);
    }
  }

  /** A new run of n2 items follows the last pending one: merge while earlier powers are larger. */
  foundNewRun(n2: number): void {
    const p = this.pending;
    if (p.length === 0) return;
    const last = p[p.length - 1]!;
    const power = powerLoop(last.base, last.len, n2, this.keys.length);
    while (p.length > 1 && p[p.length - 2]!.power > power) this.mergeAt(p.length - 2);
    p[p.length - 1]!.power = power;
  }

  forceCollapse(): void {
    const p = this.pending;
    while (p.length > 1) {
      let n = p.length - 2;
      if (n > 0 && p[n - 1]!.len < p[n + 1]!.len) --n;
      this.mergeAt(n);
    }
  }
}

function reverseRange(a: unknown[], lo: number, hi: number): void {
  for (hi--; lo < hi; lo++, hi--) {
    const t = a[lo];
    a[lo] = a[hi];
    a[hi] = t;
  }
}

/** memmove: copies n items from src[from] to dst[to] (overlapping ranges of one array too). */
function copyRange(src: unknown[], from: number, dst: unknown[], to: number, n: number): void {
  if (src === dst && to > from) {
    for (let i = n - 1; i >= 0; i--) dst[to + i] = src[from + i];
  } else {
    for (let i = 0; i < n; i++) dst[to + i] = src[from + i];
  }
}

/**
 * Sorts `keys` (and `values` with them, when given) in place by `lt`, exactly as CPython's
 * list.sort orders and compares. A raising `lt` leaves both arrays as CPython leaves them.
 */
export function timsort(keys: unknown[], values: unknown[] | null, lt: Less): void {
  const n = keys.length;
  if (n < 2) return;
  const ms = new MergeState(keys, values, lt);
  const minrun = minRun(n);
  let lo = 0;
  let remaining = n;
  do {
    const run = ms.countRun(lo, lo + remaining);
    let len = run.n;
    if (run.descending) ms.reverse(lo, lo + len);
    if (len < minrun) {
      const force = remaining <= minrun ? remaining : minrun;
      ms.binarySort(lo, lo + force, lo + len);
      len = force;
    }
    ms.foundNewRun(len);
    ms.pending.push({ base: lo, len, power: 0 });
    lo += len;
    remaining -= len;
  } while (remaining);
  ms.forceCollapse();
}
