// Package testclock is a settable clock for tests, safe for concurrent
// use. It imports nothing of this module, so every package's tests can use
// it, core's own included.
package testclock

import (
	"sync"
	"time"
)

// Clock is a settable clock. Its Now method fits every Now field and
// option of the module (core.Config.Now, rememberizertest.Config.Now, …).
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// New returns a clock reading t.
func New(t time.Time) *Clock {
	return &Clock{now: t}
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d (backward for a negative d).
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Set sets the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}
