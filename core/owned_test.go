package core

import (
	"testing"
	"unsafe"
)

// TestErrorCodeOwned passes errorCode a string that is a view into a
// buffer, as fasthttp's are, then overwrites the buffer: the code returned
// does not change (SECURITY.md S27).
func TestErrorCodeOwned(t *testing.T) {
	t.Parallel()
	for _, code := range []string{
		"access_denied", "invalid_request", "unauthorized_client", "unsupported_response_type",
		"invalid_scope", "server_error", "temporarily_unavailable", "invalid_grant",
		"invalid_client", "unsupported_grant_type", "something_else",
	} {
		buf := []byte(code)
		got := errorCode(unsafe.String(&buf[0], len(buf)))
		want := string([]byte(got)) // a copy of the value now, before the buffer changes
		for i := range buf {
			buf[i] = 'z'
		}
		if got != want {
			t.Errorf("errorCode(%q): got %q after the input's buffer changed, want %q", code, got, want)
		}
		if code != "something_else" && want != code || code == "something_else" && want != "unknown" {
			t.Errorf("errorCode(%q): got %q", code, want)
		}
	}
}
