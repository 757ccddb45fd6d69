package dataflow

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// This file names keys and functions for messages, as the source writes
// them.

// Name renders a key as the source expression it stands for, such as "b",
// "s.buf" or "bufs[0]", for messages.
func (a *Package) Name(k Key) string {
	if !k.Valid() {
		return "the buffer"
	}
	name, _ := a.walkKey(k)
	return name
}

// TypeOf returns the type of the value k names, or nil.
func (a *Package) TypeOf(k Key) types.Type {
	if !k.Valid() {
		return nil
	}
	_, t := a.walkKey(k)
	return t
}

// walkKey renders k's root and steps as a source expression, and returns
// the type of the value it names (nil when a step does not fit the type).
func (a *Package) walkKey(k Key) (string, types.Type) {
	name, t := a.RootName(k.Root), k.Root.Type()
	if name == "" {
		name = "the buffer"
	}
	for _, s := range k.Path.Steps() {
		if t == nil {
			break
		}
		switch s.Op {
		case Load:
			t = pointee(t)
		case FieldAddr, Field:
			st := t
			if s.Op == FieldAddr {
				st = pointee(t)
			}
			str, ok := st.Underlying().(*types.Struct)
			if !ok || s.Index >= str.NumFields() {
				t = nil
				continue
			}
			name += "." + str.Field(s.Index).Name()
			t = str.Field(s.Index).Type()
			if s.Op == FieldAddr {
				t = types.NewPointer(t)
			}
		case Elem:
			name += "[" + strconv.Itoa(s.Index) + "]"
			switch u := t.Underlying().(type) {
			case *types.Slice:
				t = types.NewPointer(u.Elem())
			case *types.Array:
				t = u.Elem()
			case *types.Pointer:
				if arr, ok := u.Elem().Underlying().(*types.Array); ok {
					t = types.NewPointer(arr.Elem())
				} else {
					t = nil
				}
			default:
				t = nil
			}
		}
	}
	return name, t
}

// pointee returns what t points to, or t itself.
func pointee(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// RootName names a root value: a parameter, free variable or global by its
// name, a local variable by the name it was assigned to in the source.
func (a *Package) RootName(v ssa.Value) string {
	switch v := v.(type) {
	case *ssa.Parameter, *ssa.FreeVar, *ssa.Global:
		return v.Name()
	case *ssa.Phi:
		if v.Comment != "" {
			return v.Comment // the variable the phi merges
		}
	case *ssa.Alloc:
		switch v.Comment {
		case "", "complit", "makeslice", "slicelit", "varargs", "new":
			// what made it, not a variable: the assignment names it
		default:
			return v.Comment
		}
	case *ssa.Extract:
		return a.assignedName(v.Tuple.Pos()) // v, ok := <-ch; for v := range ch
	}
	return a.assignedName(v.Pos())
}

// assignedName finds the variable that the expression at pos is assigned to
// ("b := buffer.New(8)" names the call "b").
func (a *Package) assignedName(pos token.Pos) string {
	if !pos.IsValid() {
		return ""
	}
	for _, file := range a.pass.Files {
		if file.FileStart > pos || pos > file.FileEnd {
			continue
		}
		path, _ := astutil.PathEnclosingInterval(file, pos, pos)
		for _, n := range path {
			switch n := n.(type) {
			case *ast.CallExpr:
				if n.Lparen < pos && pos < n.Rparen && !a.resultOfArg(n, pos) {
					// An argument: the call's result is what is assigned
					// (out = append(out, s.Bytes())).
					return ""
				}
			case *ast.AssignStmt:
				if len(n.Rhs) == 1 && len(n.Lhs) > 1 {
					// p, err := r.Peek(n): the first result is the data.
					if id, ok := n.Lhs[0].(*ast.Ident); ok && id.Name != "_" {
						return id.Name
					}
					return ""
				}
				if len(n.Lhs) == len(n.Rhs) {
					for i, rhs := range n.Rhs {
						if rhs.Pos() <= pos && pos < rhs.End() {
							if id, ok := n.Lhs[i].(*ast.Ident); ok {
								return id.Name
							}
						}
					}
				}
				return ""
			case *ast.ValueSpec:
				if len(n.Names) == len(n.Values) {
					for i, val := range n.Values {
						if val.Pos() <= pos && pos < val.End() {
							return n.Names[i].Name
						}
					}
				}
				return ""
			case *ast.RangeStmt:
				// The value received or indexed by "for k, v := range x".
				if pos < n.Body.Pos() {
					id, _ := n.Value.(*ast.Ident)
					if _, isChan := a.pass.TypesInfo.TypeOf(n.X).Underlying().(*types.Chan); isChan || id == nil {
						id, _ = n.Key.(*ast.Ident)
					}
					if id != nil {
						return id.Name
					}
				}
				return ""
			case *ast.FuncDecl, *ast.FuncLit:
				return ""
			}
		}
	}
	return ""
}

// FuncName names a function for messages: "helper", "pkg.helper",
// "(*T).method", "T.method" or "the function literal at line N".
func (a *Package) FuncName(fn *ssa.Function) string {
	if fn.Parent() != nil {
		return "the function literal at line " + strconv.Itoa(a.pass.Fset.Position(fn.Pos()).Line)
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok {
		return fn.Name()
	}
	qual := func(p *types.Package) string {
		if p == a.pass.Pkg {
			return ""
		}
		return p.Name()
	}
	if recv := obj.Type().(*types.Signature).Recv(); recv != nil {
		t := types.TypeString(recv.Type(), qual)
		if strings.HasPrefix(t, "*") {
			t = "(" + t + ")"
		}
		return t + "." + obj.Name()
	}
	if q := qual(obj.Pkg()); q != "" {
		return q + "." + obj.Name()
	}
	return obj.Name()
}

// PosOf returns a source position for instr: its own, or else that of the
// nearest instruction after it in its block that has one, or else, for a
// return, the closing brace of the function.
func PosOf(instr ssa.Instruction) token.Pos {
	if p := instr.Pos(); p.IsValid() {
		return p
	}
	b := instr.Block()
	if b != nil {
		after := false
		for _, i := range b.Instrs {
			if i == instr {
				after = true
				continue
			}
			if after && i.Pos().IsValid() {
				if _, ok := i.(*ssa.DebugRef); !ok {
					return i.Pos()
				}
			}
		}
	}
	if fn := instr.Parent(); fn != nil {
		if body := funcBody(fn); body != nil {
			return body.Rbrace
		}
		return fn.Pos()
	}
	return token.NoPos
}

// resultOfArg reports whether the result of call is the value of its
// argument at pos, converted or viewed: a conversion, unsafe's views of
// it, or the slice append is given to extend.
func (a *Package) resultOfArg(call *ast.CallExpr, pos token.Pos) bool {
	if tv, ok := a.pass.TypesInfo.Types[call.Fun]; ok && tv.IsType() {
		return true
	}
	b, ok := typeutil.Callee(a.pass.TypesInfo, call).(*types.Builtin)
	if !ok {
		return false
	}
	switch b.Name() {
	case "append":
		return len(call.Args) > 0 && pos < call.Args[0].End()
	case "Slice", "String", "SliceData", "StringData", "Add":
		return true // unsafe's
	}
	return false
}
