with (a b):
  pass
