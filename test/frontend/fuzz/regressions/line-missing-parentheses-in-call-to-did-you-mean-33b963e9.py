(print\
"plugins: package loaded")