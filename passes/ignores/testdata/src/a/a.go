package a

//buflint:ignore // want `ignores: buflint:ignore names no check`
var x int

//buflint:ignore viewacess typo in the name // want `ignores: buflint:ignore names unknown check "viewacess"; known checks: unguarded, resize, unpinned`
var y int

//buflint:ignore resize // want `ignores: buflint:ignore resize gives no reason`
var z int

//buflint:ignore unpinned the slice is copied before use
var ok int

//buflint:ignorecase is not a directive
var notOne int

//buflint:ignore unpinned/after-release a rule of a check is a name too
var rule int

//buflint:ignore unpinned/no-such-rule a reason // want `ignores: buflint:ignore names unknown check "unpinned/no-such-rule"`
var badRule int

//buflint:ignore viewaccess the former name of unguarded
var formerName int
