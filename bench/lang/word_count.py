# Word frequencies with a dict, dict.get and %-formatting of a report.
import random
import time

random.seed(11)
vocabulary = ["the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "and", "cat",
              "runs", "away", "from", "big", "red", "ball", "in", "garden", "with", "joy"]
text = " ".join(random.choice(vocabulary) for _ in range(20000))


def report(text):
    counts = {}
    for word in text.split():
        counts[word] = counts.get(word, 0) + 1
    lines = []
    for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append("%-10s %6d %5.1f%%" % (word, n, 100.0 * n / len(counts)))
    return "\n".join(lines)


runs = 20
start = time.perf_counter()
for _ in range(runs):
    result = report(text)
elapsed = time.perf_counter() - start
assert result.count("\n") == 19, result
print(f"word_count: {runs / elapsed:.2f}")
