module example.com/realbugs

go 1.26.0
