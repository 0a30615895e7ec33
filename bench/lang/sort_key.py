# Sorting records with key functions (lambdas, tuples, strings), as course code does.
import random
import time

random.seed(5)
names = ["".join(random.choice("abcdefghij") for _ in range(6)) for _ in range(2000)]
records = [(name, random.randint(0, 100), random.random()) for name in names]

runs = 20
start = time.perf_counter()
for _ in range(runs):
    by_score = sorted(records, key=lambda r: r[1])
    by_name = sorted(records, key=lambda r: r[0])
    by_both = sorted(records, key=lambda r: (-r[1], r[0]))
    by_float = sorted(records, key=lambda r: r[2], reverse=True)
    words = sorted(names, key=len)
    plain = sorted(names)
elapsed = time.perf_counter() - start
assert by_both[0][1] == 100 and plain == sorted(plain), by_both[0]
print(f"sort_key: {runs / elapsed:.2f}")
