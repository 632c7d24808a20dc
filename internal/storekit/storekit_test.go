package storekit_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/internal/storekit"
)

func TestLockTakesAfterRetries(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	tries := 0
	var released error
	unlock, err := storekit.Lock(ctx, func() (bool, error) {
		tries++
		return tries == 3, nil
	}, func(ctx context.Context) { released = ctx.Err() })
	if err != nil || tries != 3 {
		t.Fatalf("got %v after %d tries, want the lease on the third", err, tries)
	}
	cancel() // the caller's request ended before it released the lock
	unlock()
	if released != nil {
		t.Errorf("release ran with a done context: %v", released)
	}
}

func TestLockReturnsTheTakeError(t *testing.T) {
	boom := errors.New("store down")
	_, err := storekit.Lock(context.Background(), func() (bool, error) { return false, boom }, func(context.Context) {})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v, want the take error", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = storekit.Lock(ctx, func() (bool, error) { return false, boom }, func(context.Context) {})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("with the context ended: got %v, want context.Canceled", err)
	}
}

func TestLockStopsWaitingWhenTheContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	tries := 0
	_, err := storekit.Lock(ctx, func() (bool, error) {
		tries++
		if tries == 2 {
			cancel()
		}
		return false, nil
	}, func(context.Context) { t.Error("released a lock never taken") })
	if !errors.Is(err, context.Canceled) || tries != 2 {
		t.Fatalf("got %v after %d tries, want context.Canceled after 2", err, tries)
	}
}

func TestNewHolder(t *testing.T) {
	a, err := storekit.NewHolder("teststore")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := storekit.NewHolder("teststore")
	if len(a) != 43 || a == b {
		t.Fatalf("got %q and %q, want two distinct 32-byte tokens", a, b)
	}
}

// TestSweepStops: closing stop cancels the sweep under way and ends the
// loop, which closes done.
func TestSweepStops(t *testing.T) {
	stop, done := make(chan struct{}), make(chan struct{})
	started := make(chan struct{})
	var sweepErr error
	go storekit.Sweep(time.Millisecond, stop, done, func(ctx context.Context) {
		select {
		case started <- struct{}{}:
		default:
			return
		}
		<-ctx.Done() // a sweep that only ends when cancelled
		sweepErr = ctx.Err()
	})
	<-started
	close(stop)
	<-done
	if !errors.Is(sweepErr, context.Canceled) {
		t.Fatalf("the sweep under way: got %v, want its context cancelled", sweepErr)
	}
}
