package adaptertest

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/rzauth/rememberizer-go/core/event"
)

// EventLog records the events a client reports (core.Config.OnEvent);
// every environment's client reports to [Env.Events]. It is safe for
// concurrent use.
type EventLog struct {
	mu     sync.Mutex
	events []event.Event
}

// Record records e; it is a core.Config.OnEvent.
func (l *EventLog) Record(_ context.Context, e event.Event) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.events = append(l.events, e)
}

// All returns the events recorded so far, in order.
func (l *EventLog) All() []event.Event {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.events)
}

// Reset forgets the events recorded so far.
func (l *EventLog) Reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.events = nil
}

// describe names e by what the scenarios check: its kind and, where it
// has them, its reason, trigger and result.
func describe(e event.Event) string {
	s := e.Kind.String()
	for _, v := range []string{string(e.Reason), string(e.Trigger), string(e.Result)} {
		if v != "" {
			s += "/" + v
		}
	}
	return s
}

// expectEvents checks that the events recorded since the last check are
// want, in order, each exactly once (as [describe] names them), and
// forgets them. Events that depend on the store configuration rather than
// on what happened are left out: a lock waited for (stores that are a
// Locker), a grant stored (stores with a GrantStore); GrantRevoked is
// checked where a grant store is configured only.
func expectEvents(t *testing.T, e *Env, what string, want ...string) {
	t.Helper()
	var got []string
	for _, ev := range e.Events.All() {
		switch ev.Kind {
		case event.LockWaited, event.GrantStored:
			continue
		case event.GrantRevoked:
			if !e.Setup.GrantStore {
				t.Errorf("%s: a grant was revoked with no grant store", what)
			}
			continue
		}
		got = append(got, describe(ev))
	}
	e.Events.Reset()
	if !slices.Equal(got, want) {
		t.Errorf("%s: got events [%s], want [%s]", what, strings.Join(got, " "), strings.Join(want, " "))
	}
}

// expectGrantRevoked checks that a grant store, where there is one, saw
// the user's grant revoked exactly once; call it before expectEvents.
func expectGrantRevoked(t *testing.T, e *Env, what string) {
	t.Helper()
	n := 0
	for _, ev := range e.Events.All() {
		if ev.Kind == event.GrantRevoked {
			n++
		}
	}
	if want := map[bool]int{true: 1, false: 0}[e.Setup.GrantStore]; n != want {
		t.Errorf("%s: got %d grants revoked, want %d", what, n, want)
	}
}
