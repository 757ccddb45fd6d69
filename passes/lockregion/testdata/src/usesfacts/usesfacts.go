package usesfacts // want package:"haslockfacts"

// Package usesfacts reaches buffers only through a package with facts.

import "facts"

func G(t *facts.T) int { return t.Len() } // want G:`lockfact\(requires t.buf locked\)`
