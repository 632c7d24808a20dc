package core

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestFlightPanicClosesIt(t *testing.T) {
	t.Parallel()
	r := newRefresher(time.Minute)
	key := flightKey("test", "a")
	now := time.Unix(1_700_000_000, 0)
	started := make(chan struct{})
	release := make(chan struct{})
	leaderDone := make(chan any, 1)
	go func() {
		defer func() { leaderDone <- recover() }()
		r.do(context.Background(), key, now, func() (tokenPair, error) {
			close(started)
			<-release
			panic("boom")
		})
	}()
	<-started
	waiting := make(chan struct{})
	r.mu.Lock()
	r.waiting = func() { close(waiting) }
	r.mu.Unlock()
	waiter := make(chan error, 1)
	go func() {
		_, err, _ := r.do(context.Background(), key, now, func() (tokenPair, error) {
			t.Error("a second refresh ran while the first was under way")
			return tokenPair{}, nil
		})
		waiter <- err
	}()
	<-waiting // the waiter waits for the leader's flight
	close(release)
	if p := <-leaderDone; p != "boom" {
		t.Fatalf("the panic did not reach the leader's goroutine: recovered %v", p)
	}
	select {
	case err := <-waiter:
		if !errors.Is(err, ErrRefreshUnavailable) {
			t.Fatalf("waiter: got %v, want ErrRefreshUnavailable", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the waiter of a panicked refresh is still waiting")
	}
	// The failure is not remembered: the next caller refreshes.
	tok, err, leader := r.do(context.Background(), key, now, func() (tokenPair, error) { return tokenPair{AccessToken: "new"}, nil })
	if err != nil || !leader || tok.AccessToken != "new" {
		t.Fatalf("after the panic: got %v, %v, leader %v; want a fresh refresh", tok, err, leader)
	}
}

func TestFlightWaiterStopsWithItsContext(t *testing.T) {
	t.Parallel()
	r := newRefresher(0)
	key := flightKey("test", "b")
	now := time.Unix(1_700_000_000, 0)
	started := make(chan struct{})
	release := make(chan struct{})
	defer close(release)
	go r.do(context.Background(), key, now, func() (tokenPair, error) {
		close(started)
		<-release
		return tokenPair{}, nil
	})
	<-started
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err, leader := r.do(ctx, key, now, func() (tokenPair, error) { return tokenPair{}, nil })
	if leader || !errors.Is(err, context.Canceled) || !errors.Is(err, ErrRefreshUnavailable) {
		t.Fatalf("waiter with an ended context: got %v (leader %v), want ErrRefreshUnavailable wrapping context.Canceled", err, leader)
	}
}

func TestFlightMemoryIsBounded(t *testing.T) {
	t.Parallel()
	r := newRefresher(time.Minute)
	now := time.Unix(1_700_000_000, 0)
	for i := range 100 {
		r.do(context.Background(), flightKey("test", string(rune('a'+i))), now, func() (tokenPair, error) { return tokenPair{}, nil })
	}
	r.do(context.Background(), flightKey("later"), now.Add(2*time.Minute), func() (tokenPair, error) { return tokenPair{}, nil })
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.flights) != 1 || len(r.order) != 1 {
		t.Fatalf("after a minute: %d flights, %d remembered; want 1 and 1", len(r.flights), len(r.order))
	}
}
