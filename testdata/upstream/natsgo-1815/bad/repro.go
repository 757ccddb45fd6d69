package repro

import (
	"errors"
	"sync"
)

// ErrBadSubscription is returned for an invalid or closed subscription.
var ErrBadSubscription = errors.New("nats: invalid subscription")

// SubStatus is the state of a subscription.
type SubStatus int

const (
	SubscriptionActive = SubStatus(iota)
	SubscriptionDraining
	SubscriptionClosed
	SubscriptionSlowConsumer
)

// Subscription represents interest in a given subject.
type Subscription struct {
	mu  sync.Mutex
	sid int64

	// Subject that represents this subscription.
	Subject string

	delivered     uint64
	closed        bool
	draining      bool
	status        SubStatus
	statListeners map[chan SubStatus][]SubStatus
}

// StatusChanged returns a channel on which the given status changes are
// sent. If no status is given, all changes are sent.
func (s *Subscription) StatusChanged(statuses ...SubStatus) <-chan SubStatus {
	if len(statuses) == 0 {
		statuses = []SubStatus{SubscriptionActive, SubscriptionDraining, SubscriptionClosed, SubscriptionSlowConsumer}
	}
	ch := make(chan SubStatus, 10)
	for _, status := range statuses {
		s.registerStatusChangeListener(status, ch)
		// initial status
		if status == s.status {
			ch <- status
		}
	}
	return ch
}

// registerStatusChangeListener registers a channel waiting for a specific
// status change event.
func (s *Subscription) registerStatusChangeListener(status SubStatus, ch chan SubStatus) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.statListeners == nil {
		s.statListeners = make(map[chan SubStatus][]SubStatus)
	}
	if _, ok := s.statListeners[ch]; !ok {
		s.statListeners[ch] = make([]SubStatus, 0)
	}
	s.statListeners[ch] = append(s.statListeners[ch], status)
}

// sendStatusEvent sends a status event to all channels without blocking.
// Lock should be held entering.
func (s *Subscription) sendStatusEvent(status SubStatus) {
	for ch, statuses := range s.statListeners {
		for _, st := range statuses {
			if st != status {
				continue
			}
			select {
			case ch <- status:
			default:
			}
		}
	}
}

// changeSubStatus changes the status and notifies listeners.
// Lock should be held entering.
func (s *Subscription) changeSubStatus(status SubStatus) {
	if s == nil {
		return
	}
	s.sendStatusEvent(status)
	s.status = status
}

// Drain stops interest but lets pending messages be processed.
func (s *Subscription) Drain() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrBadSubscription
	}
	s.draining = true
	s.changeSubStatus(SubscriptionDraining)
	return nil
}

// closeSub is called by the connection once the subscription is removed.
func (s *Subscription) closeSub() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	s.changeSubStatus(SubscriptionClosed)
}
