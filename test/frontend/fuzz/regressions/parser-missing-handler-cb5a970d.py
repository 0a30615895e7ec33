if a:
  try:
    x
  y=1
