with (a as 1):
  pass
x y
