package otel

import (
	"context"
	"time"

	"github.com/rzauth/rememberizer-go/core/event"
)

// Observe records e in the metrics. Set it as [core.Config.OnEvent]; to
// call another hook as well, call both from one function (see the package
// documentation). It is quick and safe for concurrent use.
//
// An event of an unknown kind, or whose enum fields hold a value that is
// not one of package event's constants for its kind, is not recorded.
// The user id is never recorded. On a nil or zero Telemetry (one not made
// by [New]) Observe does nothing.
//
// [core.Config.OnEvent]: https://pkg.go.dev/github.com/rzauth/rememberizer-go/core#Config
func (t *Telemetry) Observe(ctx context.Context, e event.Event) {
	if t == nil || t.signIns == nil {
		return
	}
	switch e.Kind {
	case event.SignInStarted:
		t.signInStarts.Add(ctx, 1)
	case event.SignInSucceeded:
		t.signIns.Add(ctx, 1, t.signInOK.add...)
		t.signInDuration.Record(ctx, seconds(e.Duration), t.signInOK.rec...)
	case event.SignInFailed:
		if a, ok := t.signInFailed[e.Reason]; ok {
			t.signIns.Add(ctx, 1, a.add...)
			t.signInDuration.Record(ctx, seconds(e.Duration), a.rec...)
		}
	case event.Refreshed:
		if a, ok := t.refresh[refreshAttrs{e.Trigger, e.Result}]; ok {
			t.refreshes.Add(ctx, 1, a.add...)
			t.refreshDuration.Record(ctx, seconds(e.Duration), a.rec...)
		}
	case event.LockWaited:
		t.lockWait.Record(ctx, seconds(e.Duration))
	case event.SessionEnded:
		if a, ok := t.ends[e.Reason]; ok {
			t.sessionEnds.Add(ctx, 1, a.add...)
		}
	case event.GrantStored, event.GrantRevoked, event.GrantDeleted:
		t.grantChanges.Add(ctx, 1, t.grants[e.Kind].add...)
	case event.StoreFailed:
		if a, ok := t.store[storeAttrs{e.Store, e.Op}]; ok {
			t.storeFailures.Add(ctx, 1, a.add...)
		}
	}
}

// seconds is d in seconds for a histogram, which takes no negative value
// (a clock set back).
func seconds(d time.Duration) float64 {
	return max(d, 0).Seconds()
}
