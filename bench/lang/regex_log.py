# Parsing log lines with `re`: match with named groups, findall, sub and split, the way a
# course's text-processing exercises use regular expressions.
import random
import re
import time

random.seed(5)
levels = ["INFO", "WARNING", "ERROR", "DEBUG"]
words = ["user", "login", "failed", "disk", "quota", "request", "served", "cache", "miss", "retry"]
lines = []
for i in range(3000):
    ip = ".".join(str(random.randint(1, 254)) for _ in range(4))
    message = " ".join(random.choice(words) for _ in range(6))
    lines.append(f"2026-12-{i % 28 + 1:02d} {i % 24:02d}:{i % 60:02d}:07 [{random.choice(levels)}] {ip} id={i * 7} {message}")
text = "\n".join(lines)

LINE = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2}) (?P<time>[\d:]+) \[(?P<level>[A-Z]+)\] (?P<ip>(?:\d{1,3}\.){3}\d{1,3}) id=(?P<id>\d+) (?P<msg>.*)")
IP = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")


def analyse(text):
    by_level = {}
    total = 0
    for line in text.split("\n"):
        m = LINE.match(line)
        by_level[m.group("level")] = by_level.get(m.group("level"), 0) + 1
        total += int(m.group("id"))
    ips = IP.findall(text)
    masked = IP.sub("x.x.x.x", text)
    words = re.split(r"\W+", masked)
    errors = re.findall(r"^.*\[ERROR\].*$", text, re.MULTILINE)
    return by_level, total, len(ips), len(words), len(errors)


runs = 20
start = time.perf_counter()
for _ in range(runs):
    result = analyse(text)
elapsed = time.perf_counter() - start
assert result[2] == 3000, result
print(f"regex_log: {runs / elapsed:.2f}")
