package core

import (
	"errors"
	"fmt"
	"testing"

	"github.com/rzauth/rememberizer-go/core/adapter"
)

// TestErrorTable pins the status, slug and message of every error a
// Client returns, bare and wrapped, including errors that wrap two
// sentinels: the first matching row (the most specific) wins.
func TestErrorTable(t *testing.T) {
	t.Parallel()
	const (
		notValid    = "This sign-in link is not valid in this browser. Please start again."
		unavailable = "The service is unavailable right now. Please try again shortly."
		unreachable = "Rememberizer could not be reached. Please try again."
		ours        = "Something went wrong on our side."
		rzDown      = "Rememberizer is unavailable right now. Please try again later."
	)
	tests := []struct {
		name    string
		err     error
		status  int
		slug    string
		message string
	}{
		{"nil", nil, 200, "internal_error", ""},
		{"session expired", ErrSessionExpired, 401, "session_expired", "Your session has ended. Please sign in again."},
		{"reauth required", ErrReauthRequired, 401, "reauth_required", "Rememberizer asked for you to sign in again."},
		{"not signed in", ErrNotSignedIn, 401, "not_signed_in", "You are not signed in."},
		{"sign-out needs post", errSignOutNeedsPost, 405, "method_not_allowed",
			`Signing out needs a POST form: use a button in a form with method="post", not a link.`},
		{"method not allowed", ErrMethodNotAllowed, 405, "method_not_allowed", "This address does not accept that kind of request."},
		{"unknown route", errUnknownRoute, 404, "not_found", "There is nothing at this address."},
		{"cross site", ErrCrossSite, 403, "cross_site", "This request came from another site and was refused."},
		{"login expired", ErrLoginExpired, 400, "login_expired", "The sign-in took too long. Please start again."},
		{"invalid callback", errInvalidCallback, 400, "invalid_callback", notValid},
		{"no pending login", errNoPendingLogin, 400, "invalid_callback", notValid},
		{"state mismatch", ErrStateMismatch, 400, "invalid_callback", notValid},
		{"issuer mismatch", errIssuerMismatch, 400, "invalid_callback", notValid},
		{"missing code", errMissingCode, 400, "invalid_callback", notValid},
		{"access denied", &ProviderError{Code: "access_denied", Stage: "callback"}, 403, "access_denied", "Sign-in was cancelled."},
		{"temporarily unavailable", &ProviderError{Code: "temporarily_unavailable", Stage: "callback"}, 503, "temporarily_unavailable", rzDown},
		{"server error", &ProviderError{Code: "server_error", Stage: "exchange", Status: 500}, 502, "server_error", rzDown},
		{"invalid grant", &ProviderError{Code: "invalid_grant", Stage: "exchange", Status: 400}, 400, "invalid_grant",
			"This sign-in could not be completed. Please start again."},
		{"other provider code", &ProviderError{Code: "invalid_scope", Stage: "callback"}, 502, "invalid_scope",
			"Rememberizer could not complete the sign-in."},
		{"unknown provider code", &ProviderError{Code: "unknown", Stage: "callback"}, 502, "unknown",
			"Rememberizer could not complete the sign-in."},
		{"refresh unavailable", ErrRefreshUnavailable, 503, "unavailable", unavailable},
		{"refresh panicked", errRefreshPanicked, 503, "unavailable", unavailable},
		{"store unavailable", ErrStoreUnavailable, 503, "unavailable", unavailable},
		{"token endpoint", errTokenEndpoint, 502, "provider_unreachable", unreachable},
		{"account endpoint", errAccountEndpoint, 502, "provider_unreachable", unreachable},
		{"store", ErrStore, 500, "internal_error", ours},
		{"random", errRandom, 500, "internal_error", ours},
		{"cookie too large", adapter.ErrCookieTooLarge, 500, "internal_error", ours},
		{"invalid config", ErrInvalidConfig, 500, "internal_error", ours},
		{"request ended", ErrRequestEnded, 500, "internal_error", ours},
		{"no grant", ErrNoGrant, 500, "internal_error", ours},
		{"grant revoked", ErrGrantRevoked, 500, "internal_error", ours},
		{"foreign host", ErrForeignHost, 500, "internal_error", ours},
		{"plain error", errors.New("boom"), 500, "internal_error", ours},
		{"wrapped state mismatch", fmt.Errorf("callback: %w", ErrStateMismatch), 400, "invalid_callback", notValid},
		{"wrapped provider error", fmt.Errorf("exchange: %w", &ProviderError{Code: "access_denied"}), 403, "access_denied", "Sign-in was cancelled."},
		{"reauth wrapping a revoked grant", fmt.Errorf("%w: %w", ErrReauthRequired, ErrGrantRevoked), 401, "reauth_required",
			"Rememberizer asked for you to sign in again."},
		{"store wrapping unavailable", fmt.Errorf("%w: %w", ErrStore, ErrStoreUnavailable), 503, "unavailable", unavailable},
		{"token endpoint wrapping provider error", fmt.Errorf("%w: %w", errTokenEndpoint, &ProviderError{Code: "invalid_client"}), 502,
			"invalid_client", "Rememberizer could not complete the sign-in."},
		{"provider error and refresh unavailable", fmt.Errorf("%w: %w", ErrRefreshUnavailable, &ProviderError{Code: "temporarily_unavailable"}), 503,
			"temporarily_unavailable", rzDown},
		{"not signed in and method", fmt.Errorf("%w: %w", ErrMethodNotAllowed, ErrNotSignedIn), 401, "not_signed_in", "You are not signed in."},
		{"login expired and state", fmt.Errorf("%w: %w", ErrStateMismatch, ErrLoginExpired), 400, "login_expired",
			"The sign-in took too long. Please start again."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := statusFor(tt.err); got != tt.status {
				t.Errorf("StatusFor: got %d, want %d", got, tt.status)
			}
			if got := errorSlug(tt.err); got != tt.slug {
				t.Errorf("ErrorSlug: got %q, want %q", got, tt.slug)
			}
			if got := messageFor(tt.err); got != tt.message {
				t.Errorf("MessageFor: got %q, want %q", got, tt.message)
			}
		})
	}
}

// TestErrorTableOrder checks that no row of errorTable is shadowed by an
// earlier one: a sentinel that wraps another must come first.
func TestErrorTableOrder(t *testing.T) {
	t.Parallel()
	for i, early := range errorTable {
		for _, late := range errorTable[i+1:] {
			if early.err != nil && late.err != nil && errors.Is(late.err, early.err) {
				t.Errorf("row %q comes before %q, which wraps it: %q is never reached", early.slug, late.slug, late.slug)
			}
		}
	}
}

// TestProviderCodesUnique checks that each allowed provider code is listed
// once, so its status and message are not split over two rows.
func TestProviderCodesUnique(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, p := range providerCodes {
		if seen[p.code] || p.code == "unknown" {
			t.Errorf("provider code %q listed twice or reserved", p.code)
		}
		seen[p.code] = true
	}
}
