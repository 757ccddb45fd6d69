package repro

import (
	"sync"
	"testing"
)

func TestStatusChangedWhileDraining(t *testing.T) {
	for round := 0; round < 200; round++ {
		sub := &Subscription{sid: int64(round), Subject: "updates"}
		var wg sync.WaitGroup
		for w := 0; w < 3; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sub.StatusChanged(SubscriptionDraining, SubscriptionClosed)
			}()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := sub.Drain(); err != nil {
				t.Error(err)
			}
			sub.closeSub()
		}()
		wg.Wait()
		// A listener registered for Closed must see it, either as the
		// initial status or as an event.
		ch := sub.StatusChanged(SubscriptionClosed)
		select {
		case st := <-ch:
			if st != SubscriptionClosed {
				t.Fatalf("got status %d, want Closed", st)
			}
		default:
			t.Fatal("no Closed status delivered")
		}
	}
}
