# Indexing and slicing strings character by character (course-style text scanning).
import time

text = ("It was the best of times, it was the worst of times, it was the age of wisdom, "
        "it was the age of foolishness. ") * 100


def scan(s):
    vowels = 0
    pairs = 0
    for i in range(len(s)):
        ch = s[i]
        if ch in "aeiou":
            vowels += 1
        if i > 0 and s[i - 1] == ch:
            pairs += 1
    words = 0
    i = 0
    while i < len(s):
        if s[i:i + 3] == "was":
            words += 1
        i += 1
    return vowels, pairs, words, s[::-1][:5], s[10:20]


runs = 20
start = time.perf_counter()
for _ in range(runs):
    result = scan(text)
elapsed = time.perf_counter() - start
assert result[2] == 400, result
print(f"str_index: {runs / elapsed:.2f}")
