values = [1, 2]
print(c(values) total)
print(ma.x y)
