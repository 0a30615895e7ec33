# Escapes that spell a surrogate pair are two lone surrogates to CPython, not one character
a = '\ud800\udc00'
b = 'x\ud83d\ude00y' '\ud83d' '\ude00'
c = '\U0001f600'
d = '😀'
e = f'{a}\ud800\udc00{b}'
g = '\udc00\ud800'
h = '\ud800' + '\udc00'
i = '\U0000d800\U0000DC00'
