// Package storekit holds what the server-side store modules (redisstore,
// pgstore, sqlitestore) share around their own queries: the holder token
// and waiting loop of a lock lease, its release after the caller's
// context ended, and the loop of a sweeper of expired rows.
package storekit

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"time"
)

// Lock waits before taking a lease again: from FirstWait, doubling up to
// MaxWait.
const (
	FirstWait = 5 * time.Millisecond
	MaxWait   = 100 * time.Millisecond
)

// ReleaseTimeout bounds a release, which runs after the caller's context
// may have ended.
const ReleaseTimeout = 5 * time.Second

// NewHolder returns a random token naming a lock's holder; store names
// the store in the error of a failing random source.
func NewHolder(store string) (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("%s: random source failed: %w", store, err)
	}
	return base64.RawURLEncoding.EncodeToString(b[:]), nil
}

// Lock calls take until it takes the lease, waiting [FirstWait], then
// twice as long each time up to [MaxWait], between tries, and returns a
// function that releases it: release is called with a context that
// outlives ctx's cancellation, for at most [ReleaseTimeout]. An error of
// take is returned as it is, or ctx's error when ctx ended meanwhile.
func Lock(ctx context.Context, take func() (bool, error), release func(context.Context)) (func(), error) {
	wait := FirstWait
	for {
		ok, err := take()
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, err
		}
		if ok {
			return func() {
				ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), ReleaseTimeout)
				defer cancel()
				release(ctx)
			}, nil
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
		wait = min(wait*2, MaxWait)
	}
}

// Sweep calls sweep every interval until stop is closed, then closes
// done. A sweep under way when stop is closed has its context cancelled;
// a failing sweep is retried at the next interval.
func Sweep(interval time.Duration, stop <-chan struct{}, done chan<- struct{}, sweep func(context.Context)) {
	defer close(done)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		ctx, cancel := context.WithCancel(context.Background())
		go func() {
			select {
			case <-stop:
				cancel()
			case <-ctx.Done():
			}
		}()
		sweep(ctx)
		cancel()
	}
}
