x = 1 if print [1] else 2
y = not print [1]
z = a + print [1]
print not in x
=