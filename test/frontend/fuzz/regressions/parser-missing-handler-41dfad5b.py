try:
    x
# c
else:
  pass
