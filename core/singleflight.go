package core

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// refresher runs at most one refresh per key at a time in this process,
// and shares its result with every caller that asks for the same key while
// it runs. With a memory, a successful result is also remembered for that
// long, for requests that still carry the tokens it replaced.
type refresher struct {
	memory time.Duration

	mu      sync.Mutex
	flights map[[32]byte]*flight
	// order lists remembered flights oldest first, so forgetting them
	// costs O(1) per refresh.
	order []rememberedFlight

	// waiting, when set (tests only), is called when a caller starts
	// waiting for another's flight.
	waiting func()
}

type flight struct {
	done chan struct{}
	tok  tokenPair
	err  error
}

type rememberedFlight struct {
	key      [32]byte
	f        *flight
	finished time.Time
}

func newRefresher(memory time.Duration) *refresher {
	return &refresher{memory: memory, flights: make(map[[32]byte]*flight)}
}

// errRefreshPanicked is what waiters get when the refresh they waited for
// panicked; the panic itself goes on in the goroutine that ran it.
var errRefreshPanicked = fmt.Errorf("%w: the refresh panicked", ErrRefreshUnavailable)

// do returns fn's result for key, running fn only if no flight for key is
// under way or remembered; leader reports whether this call ran it. A
// caller that waits stops when ctx ends. Failures are never remembered, so
// the next request tries again. A panic in fn closes the flight (waiters
// get an error) and then goes on.
func (r *refresher) do(ctx context.Context, key [32]byte, now time.Time, fn func() (tokenPair, error)) (tok tokenPair, err error, leader bool) {
	r.mu.Lock()
	for len(r.order) > 0 && now.Sub(r.order[0].finished) > r.memory {
		old := r.order[0]
		if r.flights[old.key] == old.f {
			delete(r.flights, old.key)
		}
		r.order[0] = rememberedFlight{}
		r.order = r.order[1:]
	}
	if f, ok := r.flights[key]; ok {
		wait := r.waiting
		r.mu.Unlock()
		if wait != nil {
			wait()
		}
		select {
		case <-f.done:
			return f.tok, f.err, false
		case <-ctx.Done():
			return tokenPair{}, fmt.Errorf("%w: %w", ErrRefreshUnavailable, ctx.Err()), false
		}
	}
	f := &flight{done: make(chan struct{})}
	r.flights[key] = f
	r.mu.Unlock()

	finished := false
	defer func() {
		if !finished {
			f.err = errRefreshPanicked
		}
		r.mu.Lock()
		if f.err != nil || r.memory <= 0 {
			delete(r.flights, key)
		} else {
			r.order = append(r.order, rememberedFlight{key: key, f: f, finished: now})
		}
		r.mu.Unlock()
		close(f.done)
	}()
	f.tok, f.err = fn()
	finished = true
	return f.tok, f.err, true
}
