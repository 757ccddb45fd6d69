package a

//buflint:ignore // want `ignores: buflint:ignore names no check`
var x int

//buflint:ignore viewacess typo in the name // want `ignores: buflint:ignore names unknown check "viewacess"; known checks: viewaccess, resize, unpinned`
var y int

//buflint:ignore resize // want `ignores: buflint:ignore resize gives no reason`
var z int

//buflint:ignore unpinned the slice is copied before use
var ok int

//buflint:ignorecase is not a directive
var notOne int
