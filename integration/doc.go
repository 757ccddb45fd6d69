// Package integration holds tests that run buflint inside the real tools
// users meet it through: pre-commit, a language server, golangci-lint. They
// need those tools (and the network to the Go module proxy); .ci/run
// installs what is missing. Nothing here is imported.
package integration
