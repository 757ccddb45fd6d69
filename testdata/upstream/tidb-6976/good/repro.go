package repro

import (
	"context"
	"unsafe"
)

// Column stores variable-length values back to back.
type Column struct {
	offsets []int
	data    []byte
}

// Chunk is a batch of rows that a RecordSet refills on every Next.
type Chunk struct {
	columns []*Column
	numRows int
}

// NewChunk returns an empty chunk with n columns.
func NewChunk(n int) *Chunk {
	c := &Chunk{}
	for range n {
		c.columns = append(c.columns, &Column{offsets: []int{0}})
	}
	return c
}

// Reset empties the chunk and keeps its memory.
func (c *Chunk) Reset() {
	for _, col := range c.columns {
		col.offsets = col.offsets[:1]
		col.data = col.data[:0]
	}
	c.numRows = 0
}

// AppendRow appends one row of string values.
func (c *Chunk) AppendRow(vals ...string) {
	for i, v := range vals {
		col := c.columns[i]
		col.data = append(col.data, v...)
		col.offsets = append(col.offsets, len(col.data))
	}
	c.numRows++
}

// NumRows returns the number of rows.
func (c *Chunk) NumRows() int { return c.numRows }

// Row is a view of one row of a chunk.
type Row struct {
	c   *Chunk
	idx int
}

// GetString returns the value without copying it.
func (r Row) GetString(colIdx int) string {
	col := r.c.columns[colIdx]
	b := col.data[col.offsets[r.idx]:col.offsets[r.idx+1]]
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// Iterator4Chunk iterates the rows of a chunk.
type Iterator4Chunk struct {
	chk *Chunk
	cur int
}

// NewIterator4Chunk returns an iterator over chk.
func NewIterator4Chunk(chk *Chunk) *Iterator4Chunk { return &Iterator4Chunk{chk: chk} }

// Begin returns the first row.
func (it *Iterator4Chunk) Begin() Row { it.cur = 0; return Row{it.chk, 0} }

// Next returns the next row.
func (it *Iterator4Chunk) Next() Row { it.cur++; return Row{it.chk, it.cur} }

// End returns the position after the last row.
func (it *Iterator4Chunk) End() Row { return Row{it.chk, it.chk.NumRows()} }

// RecordSet is the result of a query.
type RecordSet interface {
	Fields() []string
	NewChunk() *Chunk
	Next(ctx context.Context, chk *Chunk) error
	Close() error
}

// UserRecord is a row of mysql.user.
type UserRecord struct {
	Host     string
	User     string
	Password string
}

// MySQLPrivilege is the in-memory privilege cache.
type MySQLPrivilege struct {
	User []UserRecord
}

func (p *MySQLPrivilege) decodeUserTableRow(row Row, fs []string) error {
	var value UserRecord
	for i, f := range fs {
		switch f {
		case "host":
			value.Host = row.GetString(i)
		case "user":
			value.User = row.GetString(i)
		case "password":
			value.Password = row.GetString(i)
		}
	}
	p.User = append(p.User, value)
	return nil
}

func (p *MySQLPrivilege) loadTable(rs RecordSet, decodeTableRow func(Row, []string) error) error {
	defer rs.Close()

	fs := rs.Fields()
	for {
		// decodeTableRow keeps references into the chunk, so the chunk
		// must not be reused for the next batch.
		chk := rs.NewChunk()
		it := NewIterator4Chunk(chk)
		err := rs.Next(context.TODO(), chk)
		if err != nil {
			return err
		}
		if chk.NumRows() == 0 {
			return nil
		}
		for row := it.Begin(); row != it.End(); row = it.Next() {
			err = decodeTableRow(row, fs)
			if err != nil {
				return err
			}
		}
	}
}

// LoadUserTable loads the mysql.user table.
func (p *MySQLPrivilege) LoadUserTable(rs RecordSet) error {
	return p.loadTable(rs, p.decodeUserTableRow)
}
