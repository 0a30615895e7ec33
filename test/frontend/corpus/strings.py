'single'
"double"
'''triple
single'''
"""triple
double"""
'it\'s'
"say \"hi\""
'\n\t\r\\\a\b\f\v\0\x41\101\u00e9\U0001F600'
'unknown \d escape'
r'raw \n \d'
R"raw\"quote"
b'bytes\x00\xff'
rb'\d+'
Br"x"
u'unicode'
'con' 'cat'
'a' "b" '''c'''
b'x' b'y'
'line \
continued'
"it's"
'say "x"'
'both \' and "'
'héllo wörld'
'tab\there'
'\x7f\x80\xa0\xad'
'\u2028'
('multi'
 'line'
 'concat')
x = 'é' + 'b'
