package lockregion

import "github.com/buflint/buflint/passes/lockregion/internal/facts"

// The fact vocabulary, as the checks and the driver know it.
type (
	LockFact      = facts.LockFact
	ParamLock     = facts.ParamLock
	ParamReuse    = facts.ParamReuse
	ParamRetain   = facts.ParamRetain
	ParamProduce  = facts.ParamProduce
	GuardFact     = facts.GuardFact
	HasLockFacts  = facts.HasLockFacts
	HasArgFacts   = facts.HasArgFacts
	BadAnnotation = facts.BadAnnotation
	How           = facts.How
	Status        = facts.Status
	Step          = facts.Step
	StepOp        = facts.StepOp
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

	ByAnnotation = facts.ByAnnotation
	ByConvention = facts.ByConvention
	ByComment    = facts.ByComment
	ByUse        = facts.ByUse
)
