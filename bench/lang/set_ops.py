# Set building, membership and algebra on ints and tuples: one op is one element handled.
# The best of REPEAT rounds is reported (steadier on a busy machine, and past JIT warm-up).
import time

N = 20000
REPEAT = 5


def round_trip():
    ops = 0
    evens = {x for x in range(0, N, 2)}
    threes = set(range(0, N, 3))
    ops += len(evens) + len(threes)
    both = evens & threes
    either = evens | threes
    only = evens - threes
    odd_one = evens ^ threes
    ops += len(evens) * 4
    hits = 0
    for x in range(N):
        if x in either:
            hits += 1
    ops += N
    grid = set()
    for i in range(100):
        for j in range(100):
            grid.add((i, j))
    ops += 10000
    for i in range(0, 100, 2):
        grid.discard((i, i))
    ops += 50
    while only:
        only.pop()
    ops += len(evens)
    return ops + hits * 0 + len(both) * 0 + len(odd_one) * 0


best = 0.0
for _ in range(REPEAT):
    start = time.perf_counter()
    ops = round_trip()
    elapsed = time.perf_counter() - start
    best = max(best, ops / elapsed)
print("set_ops: %d" % int(best))
