package otel

import (
	"go.opentelemetry.io/otel/attribute"

	"github.com/rzauth/rememberizer-go/core/event"
)

// The attribute keys.
const (
	signInResultKey = attribute.Key("rememberizer.sign_in.result")
	errorTypeKey    = attribute.Key("error.type")
	triggerKey      = attribute.Key("rememberizer.refresh.trigger")
	refreshKey      = attribute.Key("rememberizer.refresh.result")
	endReasonKey    = attribute.Key("rememberizer.session.end_reason")
	grantChangeKey  = attribute.Key("rememberizer.grant.change")
	storeRoleKey    = attribute.Key("rememberizer.store.role")
	storeOpKey      = attribute.Key("rememberizer.store.operation")
)

// The values rememberizer.sign_in.result takes.
const (
	signInSuccess = "success"
	signInFailure = "failure"
)

// otherErrorType is error.type's value for an error type that is not
// one of core's: OpenTelemetry's fallback value.
const otherErrorType = "_OTHER"

// The attribute values each metric can take: the values of package
// event's enums. An event whose field holds any other value is not
// recorded, so no attribute ever takes a value from outside these sets.
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
	// grantChanges are rememberizer.grant.change's values, by kind.
	grantChanges = map[event.Kind]string{
		event.GrantStored:  "stored",
		event.GrantRevoked: "revoked",
		event.GrantDeleted: "deleted",
	}
)

// spanErrorType returns the error.type of a span that ended with
// errorType: errorType when it is one core ends spans with (see
// event.Tracer), else "_OTHER".
func spanErrorType(errorType string) string {
	for _, r := range signInReasons {
		if errorType == string(r) {
			return errorType
		}
	}
	for _, r := range results[1:] { // every result but ok
		if errorType == string(r) {
			return errorType
		}
	}
	return otherErrorType
}
