# A pipeline of generators: filtering, mapping and windowing a stream of numbers.
import time


def numbers(n):
    for i in range(n):
        yield i


def evens(source):
    for x in source:
        if x % 2 == 0:
            yield x


def scaled(source, factor):
    for x in source:
        yield x * factor


def pairs(source):
    previous = None
    for x in source:
        if previous is not None:
            yield previous, x
        previous = x


def pipeline(n):
    total = 0
    for a, b in pairs(scaled(evens(numbers(n)), 3)):
        total += b - a
    squares = sum(x * x for x in range(n // 10) if x % 3)
    return total + squares


runs = 10
start = time.perf_counter()
for _ in range(runs):
    result = pipeline(100000)
elapsed = time.perf_counter() - start
assert result == 222155858883, result
print(f"gen_pipeline: {runs / elapsed:.2f}")
