# N-queens solved with generators and sets (generator expressions, permutations).
import time


def permutations(items):
    if len(items) <= 1:
        yield list(items)
        return
    for i in range(len(items)):
        rest = items[:i] + items[i + 1:]
        for perm in permutations(rest):
            yield [items[i]] + perm


def n_queens(n):
    cols = range(n)
    for vec in permutations(list(cols)):
        if n == len(set(vec[i] + i for i in cols)) == len(set(vec[i] - i for i in cols)):
            yield vec


runs = 2
start = time.perf_counter()
for _ in range(runs):
    solutions = list(n_queens(8))
elapsed = time.perf_counter() - start
assert len(solutions) == 92, len(solutions)
print(f"nqueens: {runs / elapsed:.3f}")
