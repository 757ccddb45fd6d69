package pipeline

import (
	"testing"

	"github.com/buflint/buflint/buffer"

	"example.com/scenarios/drive"
)

func TestMain(m *testing.M) { drive.Main(m) }

func run(consume func(*buffer.Buffer, <-chan *buffer.View)) {
	b := drive.Filled()
	drive.Concurrently(func(int) {
		ch := make(chan *buffer.View, 4)
		go Produce(b, ch, 8)
		consume(b, ch)
	}, drive.Resizer(b))
}

func TestBug(t *testing.T)   { run(ConsumeBug) }
func TestFixed(t *testing.T) { run(ConsumeFixed) }
