module example.com/golangci

go 1.26.0

require github.com/buflint/buflint v0.0.0

replace github.com/buflint/buflint => ../..
