a = {1, 2, 3, 4, 5}
b = {4, 5, 6, 7}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b), a.intersection([5, 9]), a.difference({1}), a.issubset(range(10)))
primes = {2, 3, 5, 7, 11, 13}
odds = set(range(1, 15, 2))
print(primes & odds, primes - odds, sorted(primes | odds))
s = set()
for n in [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]:
    s.add(n)
print(s, len(s))
s.discard(100)
s.remove(9)
print(s, s.pop(), s)
print({x * 3 for x in range(10)})
print(set("mississippi") == {"m", "i", "s", "p"}, frozenset([1, 2]) == {1, 2})
visited = {(0, 0), (1, 2), (2, 1)}
print((1, 2) in visited, len(visited | {(0, 0)}))
print({32, 1, 16, 64, 8}, {-1, -2, 3}, {1.5, 2.5, 0.5})
d = {}.fromkeys([3, 1, 2], 0)
print(d, set(d))
