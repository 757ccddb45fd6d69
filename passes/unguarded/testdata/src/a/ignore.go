package a

import "github.com/buflint/buflint/buffer"

// A directive on the line silences that finding.
func ignoredOnLine(b *buffer.Buffer) int {
	b.Lock()
	b.Unlock()
	return b.Len() //buflint:ignore unguarded the length is only logged, a stale value is fine
}

// A directive alone on the line above silences the finding below it.
func ignoredAbove(b *buffer.Buffer) int {
	b.Lock()
	b.Unlock()
	//buflint:ignore unguarded the length is only logged
	return b.Len()
}

// A directive for another check does not silence this one.
func otherCheck(b *buffer.Buffer) int {
	b.Lock()
	b.Unlock()
	//buflint:ignore unpinned not this check
	return b.Len() // want `unguarded: Buffer.Len called while b is unlocked`
}

// A directive that silences nothing is stale.
func stale(b *buffer.Buffer) int {
	b.Lock()
	defer b.Unlock()
	//buflint:ignore unguarded nothing to silence here // want `unguarded: stale //buflint:ignore: there is no unguarded finding on this line or the next; remove the directive`
	return b.Len()
}

// A trailing directive covers its own line only.
func trailingOnly(b *buffer.Buffer) (n int) {
	b.Lock()
	b.Unlock()
	n = 1        //buflint:ignore unguarded covers this line only // want `unguarded: stale //buflint:ignore`
	n += b.Len() // want `unguarded: Buffer.Len called while b is unlocked`
	return n
}

// A directive may name the rule instead of the check.
func ignoredByRule(b *buffer.Buffer) int {
	b.Lock()
	b.Unlock()
	//buflint:ignore unguarded/access the length is only logged
	return b.Len()
}

// A directive naming another rule of the same check silences nothing.
func otherRule(b *buffer.Buffer) int {
	b.Lock()
	b.Unlock()
	//buflint:ignore unguarded/helper not this rule // want `unguarded: stale //buflint:ignore: there is no unguarded/helper finding`
	return b.Len() // want `unguarded: Buffer.Len called while b is unlocked`
}

// The check's former name still works.
func ignoredByFormerName(b *buffer.Buffer) int {
	b.Lock()
	b.Unlock()
	//buflint:ignore viewaccess the length is only logged
	return b.Len()
}
