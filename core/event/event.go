// Package event describes what a core.Client reports to
// core.Config.OnEvent: sign-ins, token refreshes, ended sessions, grants
// and store failures, as small values for metrics and audit logs; and
// the operations core.Config.Trace follows for distributed tracing
// ([Tracer], [Span]).
//
// Every field of an [Event] is bounded: a kind, enums with a fixed set of
// values, a duration, and the Rememberizer user id on events about a
// user. An event never carries a token, a code, a state, a cookie value, a
// session id or the text of an error (what Rememberizer sends is
// attacker-influenced).
package event

import "time"

// Event is one thing that happened in a core.Client. Only the fields its
// [Kind] lists are set; the others are zero.
type Event struct {
	// Kind says what happened.
	Kind Kind
	// Reason says why a sign-in failed ([SignInFailed]) or a session
	// ended ([SessionEnded]).
	Reason Reason
	// Trigger says what started a refresh ([Refreshed]).
	Trigger Trigger
	// Result says how a refresh ended ([Refreshed]).
	Result Result
	// Duration is how long the callback took ([SignInSucceeded],
	// [SignInFailed]), the token request of a refresh ([Refreshed]), or
	// the wait for the refresh lock ([LockWaited]).
	Duration time.Duration
	// UserID is the Rememberizer user id, on events about a user:
	// [SignInSucceeded], [Refreshed], [LockWaited], [SessionEnded],
	// [GrantStored], [GrantRevoked], [GrantDeleted].
	UserID string
	// Store is the store that failed ([StoreFailed]).
	Store Role
	// Op is the store operation that failed ([StoreFailed]).
	Op Op
}

// Kind is what an [Event] reports.
type Kind uint8

// The kinds of event.
const (
	// SignInStarted: the login route sent a browser to Rememberizer.
	SignInStarted Kind = iota + 1
	// SignInSucceeded: a callback started a session. UserID, Duration.
	SignInSucceeded
	// SignInFailed: a callback failed. Reason, Duration.
	SignInFailed
	// Refreshed: a refresh attempt finished, once per token request (or
	// refusal without one), whichever of the concurrent requests
	// waiting for it ran it. Trigger, Result, Duration, UserID.
	Refreshed
	// LockWaited: a refresh took the cross-instance refresh lock of a
	// store that is a core.Locker. Duration is how long it waited for it,
	// near zero when no other instance held it. UserID.
	LockWaited
	// SessionEnded: a session, or every session of a user, ended. Reason,
	// UserID.
	SessionEnded
	// GrantStored: a sign-in stored the user's grant in
	// core.Config.GrantStore. UserID.
	GrantStored
	// GrantRevoked: Rememberizer refused to refresh the user's grant; it
	// was deleted. A SessionEnded event with [Revoked] follows. UserID.
	GrantRevoked
	// GrantDeleted: core.Client.DeleteGrant deleted the user's grant and
	// ended the user's sessions. UserID.
	GrantDeleted
	// StoreFailed: a store call failed. Store, Op.
	StoreFailed
)

var kindNames = [...]string{
	SignInStarted:   "sign_in_started",
	SignInSucceeded: "sign_in_succeeded",
	SignInFailed:    "sign_in_failed",
	Refreshed:       "refreshed",
	LockWaited:      "lock_waited",
	SessionEnded:    "session_ended",
	GrantStored:     "grant_stored",
	GrantRevoked:    "grant_revoked",
	GrantDeleted:    "grant_deleted",
	StoreFailed:     "store_failed",
}

// String returns k in snake case, e.g. "sign_in_succeeded", or "unknown".
func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "unknown"
}

// Reason says why a sign-in failed or a session ended.
type Reason string

// Why a sign-in failed ([SignInFailed]).
const (
	// Denied: the user refused access on Rememberizer (access_denied).
	Denied Reason = "denied"
	// StateMismatch: the state matched no sign-in of this browser, or was
	// used already (core.ErrStateMismatch).
	StateMismatch Reason = "state_mismatch"
	// NoPendingLogin: the browser had no sign-in under way (no or an
	// unreadable pending-login cookie).
	NoPendingLogin Reason = "no_pending_login"
	// Expired: the sign-in took longer than core.Config.LoginTTL
	// (core.ErrLoginExpired).
	Expired Reason = "expired"
	// IssuerMismatch: the callback's iss was not Rememberizer's.
	IssuerMismatch Reason = "iss_mismatch"
	// ProviderError: Rememberizer answered the authorization with an
	// error other than access_denied.
	ProviderError Reason = "provider_error"
	// TokenEndpoint: the code could not be exchanged for tokens.
	TokenEndpoint Reason = "token_endpoint"
	// AccountEndpoint: the user's account could not be fetched.
	AccountEndpoint Reason = "account_endpoint"
	// StoreError: a store failed while the session was started.
	StoreError Reason = "store"
	// BadRequest: the callback request was malformed (wrong method,
	// repeated or over-long parameters, no code).
	BadRequest Reason = "bad_request"
	// Other: any other failure.
	Other Reason = "other"
)

// Why a session ended ([SessionEnded]).
const (
	// SignOut: the user signed out (the logout route).
	SignOut Reason = "sign_out"
	// Idle: the session was unused for core.Config.IdleTimeout.
	Idle Reason = "idle"
	// Absolute: the session reached core.Config.SessionLifetime.
	Absolute Reason = "absolute"
	// Revoked: Rememberizer refused to refresh the user's tokens; every
	// session of the user ends.
	Revoked Reason = "revoked"
	// EndedEverywhere: core.Client.EndSessions ended every session of the
	// user.
	EndedEverywhere Reason = "ended_everywhere"
)

// String returns r.
func (r Reason) String() string { return string(r) }

// Trigger says what started a refresh.
type Trigger string

// What started a refresh ([Refreshed]).
const (
	// NearExpiry: a request's access token was within
	// core.Config.RefreshSkew of expiry (the middleware, or an API client
	// made from the request).
	NearExpiry Trigger = "near_expiry"
	// API401: Rememberizer's API answered 401, and the API client
	// refreshed to retry.
	API401 Trigger = "api_401"
	// Background: an API client for a user's grant, outside any request
	// (core.Client.APIFor, HTTPClientFor, TokenSourceFor), found the
	// token near expiry.
	Background Trigger = "background"
)

// String returns t.
func (t Trigger) String() string { return string(t) }

// Result says how a refresh ended.
type Result string

// How a refresh ended ([Refreshed]).
const (
	// OK: new tokens were issued and kept.
	OK Result = "ok"
	// Refused: Rememberizer refused the refresh (invalid_grant,
	// invalid_client, or no refresh token): the user must sign in again.
	Refused Result = "refused"
	// Unavailable: Rememberizer could not be reached or failed (timeout,
	// 5xx); the tokens were kept and a later request retries.
	Unavailable Result = "unavailable"
	// NotKept: new tokens were issued but could not be kept (the store
	// failed, or the grant was deleted meanwhile).
	NotKept Result = "not_kept"
)

// String returns r.
func (r Result) String() string { return string(r) }

// Role is which of the client's stores an operation used.
type Role string

// The stores ([StoreFailed]).
const (
	// Session: core.Config.Store, or the browser store keeping sessions.
	Session Role = "session"
	// Grant: core.Config.GrantStore.
	Grant Role = "grant"
	// Mark: the store keeping the marks of ended sessions and revoked
	// grants (core.Config.Store, else core.Config.GrantStore).
	Mark Role = "mark"
)

// String returns r.
func (r Role) String() string { return string(r) }

// Op is a store operation.
type Op string

// The store operations ([StoreFailed]).
const (
	// Find reads a value.
	Find Op = "find"
	// Commit writes a value.
	Commit Op = "commit"
	// Delete removes a value.
	Delete Op = "delete"
	// Claim records a finished sign-in (core.Claimer).
	Claim Op = "claim"
	// Lock takes the refresh lock (core.Locker).
	Lock Op = "lock"
	// List reads a page of the grants a grant store holds
	// (adapter.GrantLister, for core.Client.GrantHolders).
	List Op = "list"
)

// String returns o.
func (o Op) String() string { return string(o) }
