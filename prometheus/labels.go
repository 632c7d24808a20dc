package prometheus

import "github.com/rzauth/rememberizer-go/core/event"

// The label values each metric can take: the values of package event's
// enums, and "ok" for a sign-in that succeeded. An event whose field
// holds any other value is not counted, so no label ever takes a value
// from outside these sets.
var (
	signInReasons = []event.Reason{
		event.Denied, event.StateMismatch, event.NoPendingLogin, event.Expired,
		event.IssuerMismatch, event.ProviderError, event.TokenEndpoint,
		event.AccountEndpoint, event.StoreError, event.BadRequest, event.Other,
	}
	endReasons = []event.Reason{
		event.SignOut, event.Idle, event.Absolute, event.Revoked, event.EndedEverywhere,
	}
	triggers = []event.Trigger{event.NearExpiry, event.API401, event.Background}
	results  = []event.Result{event.OK, event.Refused, event.Unavailable, event.NotKept}
	roles    = []event.Role{event.Session, event.Grant, event.Mark}
	ops      = []event.Op{event.Find, event.Commit, event.Delete, event.Claim, event.Lock, event.List}
)

// signInOK is the result label of a sign-in that succeeded.
const signInOK = "ok"

// The event label of rememberizer_grants_total.
const (
	grantStored  = "stored"
	grantRevoked = "revoked"
	grantDeleted = "deleted"
)
