// A module for integration.TestRealCodeTypeErrors. Package broken does not
// type-check, user imports it, and the test of badtest does not type-check:
// buflint analyzes ok and badtest (not its test). It requires nothing, so
// scripts/realcode.sh needs no download for it.
module example.com/typeerrors

go 1.22
