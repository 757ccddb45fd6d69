package rlockdrain

import (
	"testing"

	"example.com/scenarios/drive"
)

func TestMain(m *testing.M) { drive.Main(m) }

func TestBug(t *testing.T) {
	q := &Queue{}
	drive.Concurrently(func(int) { q.Fill([]byte("ab")) }, func(int) { q.NextBug() }, func(int) { q.NextBug() })
}

func TestFixed(t *testing.T) {
	q := &Queue{}
	drive.Concurrently(func(int) { q.Fill([]byte("ab")) }, func(int) { q.NextFixed() }, func(int) { q.NextFixed() })
}
