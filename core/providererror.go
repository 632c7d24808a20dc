package core

import (
	"fmt"
	"net/http"
)

// ProviderError is an OAuth error reported by Rememberizer, either on the
// callback (error=…) or by the token endpoint. Code is always one of a
// fixed allow-list ("unknown" for anything else); the provider's
// description is never kept, so the error is safe to log and to show.
type ProviderError struct {
	// Code is the OAuth error code, e.g. "access_denied" or "invalid_grant".
	Code string
	// Status is the HTTP status of the token endpoint's answer, or 0 for
	// an error carried by the callback.
	Status int
	// Stage says where the error came from: "callback", "exchange" or
	// "refresh".
	Stage string
}

// Error describes the error by stage, code and HTTP status: never by
// anything the provider wrote.
func (e *ProviderError) Error() string {
	if e.Status != 0 {
		return fmt.Sprintf("rememberizer: %s: provider error %s (HTTP %d)", e.Stage, e.Code, e.Status)
	}
	return fmt.Sprintf("rememberizer: %s: provider error %s", e.Stage, e.Code)
}

// providerCodes is the allow-list of OAuth error codes, with what each
// means for the visitor. A zero status or empty message takes the
// defaults of [errorTable]'s provider row: 502 and a fixed sentence.
var providerCodes = [...]struct {
	code    string
	status  int
	message string
}{
	{code: "access_denied", status: http.StatusForbidden, message: "Sign-in was cancelled."},
	{code: "invalid_request"},
	{code: "unauthorized_client"},
	{code: "unsupported_response_type"},
	{code: "invalid_scope"},
	{code: "server_error", message: rememberizerDown},
	{code: "temporarily_unavailable", status: http.StatusServiceUnavailable, message: rememberizerDown},
	// A code that is expired, used, or issued to another browser.
	{code: "invalid_grant", status: http.StatusBadRequest, message: "This sign-in could not be completed. Please start again."},
	{code: "invalid_client"},
	{code: "unsupported_grant_type"},
}

const rememberizerDown = "Rememberizer is unavailable right now. Please try again later."

// errorCode maps a provider-supplied error code onto the allow-list:
// known codes come back as the same text, anything else as "unknown".
// The result is always one of the library's own constants, never code
// itself, so it stays valid when code is a view into a buffer a framework
// reuses (fasthttp's) and may be kept in a [ProviderError] for good.
func errorCode(code string) string {
	for i := range providerCodes {
		if providerCodes[i].code == code {
			return providerCodes[i].code
		}
	}
	return "unknown"
}
