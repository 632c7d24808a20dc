package event_test

import (
	"fmt"
	"testing"

	"github.com/rzauth/rememberizer-go/core/event"
)

func TestKindString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		k    event.Kind
		want string
	}{
		{event.SignInStarted, "sign_in_started"},
		{event.SignInSucceeded, "sign_in_succeeded"},
		{event.SignInFailed, "sign_in_failed"},
		{event.Refreshed, "refreshed"},
		{event.LockWaited, "lock_waited"},
		{event.SessionEnded, "session_ended"},
		{event.GrantStored, "grant_stored"},
		{event.GrantRevoked, "grant_revoked"},
		{event.GrantDeleted, "grant_deleted"},
		{event.StoreFailed, "store_failed"},
		{0, "unknown"},
		{event.StoreFailed + 1, "unknown"},
		{255, "unknown"},
	}
	for _, tt := range tests {
		if got := tt.k.String(); got != tt.want {
			t.Errorf("Kind(%d).String(): got %q, want %q", uint8(tt.k), got, tt.want)
		}
	}
}

func TestEnumStrings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		v    fmt.Stringer
		want string
	}{
		{event.Denied, "denied"},
		{event.StateMismatch, "state_mismatch"},
		{event.IssuerMismatch, "iss_mismatch"},
		{event.EndedEverywhere, "ended_everywhere"},
		{event.API401, "api_401"},
		{event.Background, "background"},
		{event.Unavailable, "unavailable"},
		{event.NotKept, "not_kept"},
		{event.Mark, "mark"},
		{event.Claim, "claim"},
	}
	for _, tt := range tests {
		if got := tt.v.String(); got != tt.want {
			t.Errorf("%#v.String(): got %q, want %q", tt.v, got, tt.want)
		}
	}
}

func ExampleEvent() {
	e := event.Event{Kind: event.SignInFailed, Reason: event.Denied}
	fmt.Printf("%v %v\n", e.Kind, e.Reason)
	fmt.Printf("%+v\n", e)
	// Output:
	// sign_in_failed denied
	// {Kind:sign_in_failed Reason:denied Trigger: Result: Duration:0s UserID: Store: Op:}
}
