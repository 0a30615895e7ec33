# A block ends with its last token, a trailing semicolon included
if a:
    x = 1 ;
def f():
    if a:
        x;
try:
    x;
except E:
    y;
else:
    z;
finally:
    w;
while a: b;
# In an f-string a backslash does not escape a brace
x = rf"Software\Python\PythonCore\{sys.winver}"  r"\Help"
y = rf"a\{b}\{c!r}" + fr'\{{b}}' + rf'\}}'
