package repro

import (
	"context"
	"errors"
	"net"
	"sync"
	"sync/atomic"
)

var (
	// ErrClosed is returned when the pool is closed.
	ErrClosed = errors.New("redis: client is closed")
	// ErrPoolExhausted is returned when MaxActiveConns is reached.
	ErrPoolExhausted = errors.New("redis: connection pool exhausted")
)

type Options struct {
	Dialer func(context.Context) (net.Conn, error)

	PoolSize       int
	MaxActiveConns int
}

type Conn struct {
	netConn net.Conn
	pooled  bool
}

func (cn *Conn) Close() error { return cn.netConn.Close() }

type ConnPool struct {
	cfg *Options

	connsMu   sync.Mutex
	conns     []*Conn
	idleConns []*Conn

	poolSize     int
	idleConnsLen int

	_closed uint32 // atomic
}

func NewConnPool(opt *Options) *ConnPool {
	return &ConnPool{cfg: opt}
}

func (p *ConnPool) closed() bool { return atomic.LoadUint32(&p._closed) == 1 }

// Get returns an idle connection or dials a new pooled one.
func (p *ConnPool) Get(ctx context.Context) (*Conn, error) {
	if p.closed() {
		return nil, ErrClosed
	}
	p.connsMu.Lock()
	cn := p.popIdle()
	p.connsMu.Unlock()
	if cn != nil {
		return cn, nil
	}
	return p.newConn(ctx, true)
}

func (p *ConnPool) popIdle() *Conn {
	n := len(p.idleConns)
	if n == 0 {
		return nil
	}
	cn := p.idleConns[n-1]
	p.idleConns = p.idleConns[:n-1]
	p.idleConnsLen--
	return cn
}

func (p *ConnPool) newConn(ctx context.Context, pooled bool) (*Conn, error) {
	if p.closed() {
		return nil, ErrClosed
	}

	if p.cfg.MaxActiveConns > 0 && p.poolSize >= p.cfg.MaxActiveConns {
		return nil, ErrPoolExhausted
	}

	cn, err := p.dialConn(ctx, pooled)
	if err != nil {
		return nil, err
	}

	p.connsMu.Lock()
	defer p.connsMu.Unlock()

	p.conns = append(p.conns, cn)
	if pooled {
		// If pool is full remove the cn on next Put.
		if p.poolSize >= p.cfg.PoolSize {
			cn.pooled = false
		} else {
			p.poolSize++
		}
	}
	return cn, nil
}

func (p *ConnPool) dialConn(ctx context.Context, pooled bool) (*Conn, error) {
	netConn, err := p.cfg.Dialer(ctx)
	if err != nil {
		return nil, err
	}
	return &Conn{netConn: netConn, pooled: pooled}, nil
}

// Remove drops cn from the pool and closes it.
func (p *ConnPool) Remove(_ context.Context, cn *Conn) {
	p.connsMu.Lock()
	p.removeConn(cn)
	p.connsMu.Unlock()
	_ = cn.Close()
}

func (p *ConnPool) removeConn(cn *Conn) {
	for i, c := range p.conns {
		if c == cn {
			p.conns = append(p.conns[:i], p.conns[i+1:]...)
			if cn.pooled {
				p.poolSize--
			}
			break
		}
	}
}
