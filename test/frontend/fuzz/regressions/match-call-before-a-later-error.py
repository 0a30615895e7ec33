match(x)
print(1)
x y
