print(msg.translate(caesar_table(13))
print(msg.translate(caesar_table(13)).translate(caesar_table(13))