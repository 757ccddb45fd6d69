package repro

import (
	"context"
	"net"
	"sync"
	"testing"
)

func TestGetRemoveConcurrently(t *testing.T) {
	p := NewConnPool(&Options{
		Dialer: func(context.Context) (net.Conn, error) {
			c1, c2 := net.Pipe()
			c2.Close()
			return c1, nil
		},
		PoolSize:       4,
		MaxActiveConns: 4,
	})
	ctx := context.Background()
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				cn, err := p.Get(ctx)
				if err == ErrPoolExhausted {
					continue
				}
				if err != nil {
					t.Error(err)
					return
				}
				p.Remove(ctx, cn)
			}
		}()
	}
	wg.Wait()
	p.connsMu.Lock()
	defer p.connsMu.Unlock()
	if p.poolSize != 0 || len(p.conns) != 0 {
		t.Fatalf("poolSize %d, %d conns left after removing all", p.poolSize, len(p.conns))
	}
}
