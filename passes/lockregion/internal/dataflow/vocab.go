package dataflow

import "github.com/buflint/buflint/passes/lockregion/internal/facts"

// The fact vocabulary the dataflow speaks: statuses of resources and the
// steps of key paths are those facts are written in.
type (
	Status       = facts.Status
	Step         = facts.Step
	StepOp       = facts.StepOp
	LockFact     = facts.LockFact
	ParamLock    = facts.ParamLock
	ParamReuse   = facts.ParamReuse
	ParamRetain  = facts.ParamRetain
	ParamProduce = facts.ParamProduce
	ParamEntry   = facts.ParamEntry
	ParamPass    = facts.ParamPass
	GuardFact    = facts.GuardFact
)

const (
	Held     = facts.Held
	Released = facts.Released
	Unknown  = facts.Unknown
	ReadHeld = facts.ReadHeld
	Owned    = facts.Owned

	FieldAddr = facts.FieldAddr
	Field     = facts.Field
	Load      = facts.Load
	Elem      = facts.Elem
)
