# Format specs that start with '=' (not a walrus) and \N escapes inside f-strings
print(f"{1000000:e}|{-1.5:+.1f}|{0.5:=+8.2f}")
print(f"{x:=5}{y!r:=^10}{a[1]:=3}{b :=4}")
print(f"{(y:=3)}{x:{w}}")
print(f"{a}\N{BULLET}{b}\N{DEGREE SIGN}:{c:\N{BULLET}>5}{d:{e}\N{EM DASH}}")
