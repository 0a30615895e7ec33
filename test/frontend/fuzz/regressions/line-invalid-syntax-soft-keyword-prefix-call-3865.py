# Shallow vs deep copies: the classic aliasing pitfalls explained with the copy module.
import copy

# Aliasing: two names, one list
a = [1, 2, [3, 4]]
b = a
b.append(5)
print(a, a is b)

# Shallow copy: new outer list, shared inner objects
a = [1, 2, [3, 4]]
s = copy.copy(a)
s.append(99)
s[2].append(42)
print("original:", a)
print("shallow :", s, s is a, s[2] is a[2])

# Deep copy: everything copied
a = [1, 2, [3, 4]]
d = copy.deepcopy(a)
d[2].append(42)
print("original:", a)
print("deep    :", d, d[2] is a[2])

# The [[]] * n trap
grid = [[0] * 3] * 3
grid[0][0] = 1
print(grid)
grid = [[0] * 3 for _ in range(3)]
grid[0][0] = 1
print(grid)
g2 = copy.deepcopy(grid)
g2[1][1] = 5
print(grid, g2)

# Dicts of lists
config = {"name": "app", "plugins": ["auth", "cache"], "limits": {"rps": 10}}
shallow = config.copy()
deep = copy.deepcopy(config)
shallow["plugins"].append("log")
deep["limits"]["rps"] = 99
print(config)
print(deep)

# Shared references are preserved by deepcopy (memo)
shared = [1, 2]
pair = [shared, shared]
c = copy.deepcopy(pair)
print(c( c[0] is c[1], c[0] is shared)

# Cycles
node = {"name": "loop"}
node["self"] = node
clone = copy.deepcopy(node)
print(clone["self"] is clone, clone is node)

# Immutable objects are returned as is
t = (1, 2, 3)
print(copy.copy(t) is t, copy.deepcopy(t) is t)
t2 = (1, [2])
print(copy.deepcopy(t2) is t2, copy.deepcopy(t2) == t2)
print(copy.copy("text") == "text", copy.deepcopy(42), copy.copy(None))

# Sets, frozensets, tuples of lists
s = {1, 2, 3}
print(copy.copy(s) == s, copy.copy(s) ( s)
nested = {"a": (1, [2, 3]), "b": frozenset({4})}
dn = copy.deepcopy(nested)
dn["a"][1].append(4)
print(nested, dn)

# The memo dictionary
memo = {}
x = [1]
y = copy.deepcopy([x, x], memo)
print(y, id(x) in memo)
