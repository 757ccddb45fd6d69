package lockregion

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/passes/lockregion/internal/dataflow"
	"github.com/buflint/buflint/passes/lockregion/internal/facts"
)

// The vocabulary the checks read: the engine's solved functions, states
// and events, and the facts. They are defined by the engine's layers
// (internal/dataflow, internal/facts) and named here, the one package the
// checks import.
type (
	Func    = dataflow.Func
	Visitor = dataflow.Visitor
	State   = dataflow.State
	Cell    = dataflow.Cell
	Key     = dataflow.Key
	Path    = dataflow.Path
	Event   = dataflow.Event
	Kind    = dataflow.Kind
	Why     = dataflow.Why
	Start   = dataflow.Start
	Flow    = dataflow.Flow
	Pinning = dataflow.Pinning

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

	Guard    = dataflow.Guard
	Handle   = dataflow.Handle
	Alias    = dataflow.Alias
	Shared   = dataflow.Shared
	Data     = dataflow.Data
	Consumed = dataflow.Consumed
	Retained = dataflow.Retained

	ByUnlock     = dataflow.ByUnlock
	ByEntry      = dataflow.ByEntry
	ByGo         = dataflow.ByGo
	ByHelper     = dataflow.ByHelper
	ByInvalidate = dataflow.ByInvalidate
	ByClose      = dataflow.ByClose
	ByReuse      = dataflow.ByReuse

	Called    = dataflow.Called
	InPlace   = dataflow.InPlace
	Goroutine = dataflow.Goroutine

	Use     = dataflow.Use
	Derive  = dataflow.Derive
	Inspect = dataflow.Inspect
)

// FlowOf returns what instr does with the data that its operand op refers to.
func FlowOf(instr ssa.Instruction, op ssa.Value) Flow { return dataflow.FlowOf(instr, op) }

// PathOf returns the path made of steps.
func PathOf(steps []Step) Path { return dataflow.PathOf(steps) }

// PosOf returns a source position for instr: its own, or else that of the
// nearest instruction after it in its block that has one, or else, for a
// return, the closing brace of the function.
func PosOf(instr ssa.Instruction) token.Pos { return dataflow.PosOf(instr) }
