print(cat(values) total)
