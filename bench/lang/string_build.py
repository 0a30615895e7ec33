# Building strings: concatenation in loops, join, f-strings, str methods.
import time


def build(n):
    parts = []
    for i in range(n):
        parts.append(f"item-{i}:{i * i}")
    joined = ",".join(parts)
    text = ""
    for i in range(n // 4):
        text += str(i % 10)
    upper = joined.upper().replace("ITEM", "it")
    words = upper.split(",")
    return len(joined) + len(text) + len(words) + sum(len(w.strip("-")) for w in words)


runs = 30
start = time.perf_counter()
for _ in range(runs):
    result = build(5000)
elapsed = time.perf_counter() - start
assert result == 169777, result
print(f"string_build: {runs / elapsed:.2f}")
