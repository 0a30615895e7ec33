# Integer arithmetic: Collatz chain lengths, gcd and a sieve (small ints, //, %, lists).
import time


def collatz_longest(limit):
    best, best_n = 0, 0
    for n in range(1, limit):
        steps = 0
        m = n
        while m != 1:
            m = m // 2 if m % 2 == 0 else 3 * m + 1
            steps += 1
        if steps > best:
            best, best_n = steps, n
    return best_n, best


def gcd_sum(limit):
    total = 0
    for a in range(1, limit):
        b = limit
        x, y = a, b
        while y:
            x, y = y, x % y
        total += x
    return total


def sieve(limit):
    flags = [True] * limit
    flags[0] = flags[1] = False
    for i in range(2, int(limit ** 0.5) + 1):
        if flags[i]:
            for j in range(i * i, limit, i):
                flags[j] = False
    return sum(flags)


runs = 3
start = time.perf_counter()
for _ in range(runs):
    result = (collatz_longest(20000), gcd_sum(30000), sieve(100000))
elapsed = time.perf_counter() - start
assert result == ((17647, 278), 600000, 9592), result
print(f"int_loop: {runs / elapsed:.2f}")
