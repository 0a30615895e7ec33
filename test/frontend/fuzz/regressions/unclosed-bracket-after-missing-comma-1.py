print(a
print(x y
