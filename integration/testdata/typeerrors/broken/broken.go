// Package broken does not type-check, as a module's package does whose
// published zip lacks a generated file.
package broken

// N is declared int but given a string.
var N int = "not an int"
