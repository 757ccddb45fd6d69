package repro

import (
	"context"
	"fmt"
	"testing"
)

// userTable is a RecordSet over mysql.user that returns two rows per batch.
type userTable struct {
	rows [][]string
	pos  int
}

func (u *userTable) Fields() []string { return []string{"host", "user", "password"} }
func (u *userTable) NewChunk() *Chunk { return NewChunk(3) }
func (u *userTable) Close() error     { return nil }

func (u *userTable) Next(_ context.Context, chk *Chunk) error {
	chk.Reset()
	for chk.NumRows() < 2 && u.pos < len(u.rows) {
		chk.AppendRow(u.rows[u.pos]...)
		u.pos++
	}
	return nil
}

func TestLoadUserTable(t *testing.T) {
	rs := &userTable{}
	for i := range 10 {
		rs.rows = append(rs.rows, []string{fmt.Sprintf("10.0.0.%d", i), fmt.Sprintf("user%d", i), fmt.Sprintf("*pw%d", i)})
	}
	var p MySQLPrivilege
	if err := p.LoadUserTable(rs); err != nil {
		t.Fatal(err)
	}
	if len(p.User) != 10 {
		t.Fatalf("got %d users, want 10", len(p.User))
	}
	for i, u := range p.User {
		if u.User != fmt.Sprintf("user%d", i) || u.Host != fmt.Sprintf("10.0.0.%d", i) {
			t.Errorf("user %d = %+v", i, u)
		}
	}
}
