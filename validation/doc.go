// Package validation cross-checks buflint's static findings against the
// checked runtime. Its test runs every scenario of testdata/scenarios twice:
// once through buflint, once under -race -tags bufcheck, and requires that
// each finding corresponds to the failure its rule predicts, and that code
// without findings runs clean. It writes the results to docs/validation.md:
//
//	go test ./validation -run TestValidation -update
//
// A test fails when the committed table is stale.
package validation
