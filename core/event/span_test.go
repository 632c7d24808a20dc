package event_test

import (
	"testing"

	"github.com/rzauth/rememberizer-go/core/event"
)

func TestSpanString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    event.Span
		want string
	}{
		{event.SignIn, "sign_in"},
		{event.TokenExchange, "token_exchange"},
		{event.AccountFetch, "account_fetch"},
		{event.Refresh, "refresh"},
		{0, "unknown"},
		{event.Refresh + 1, "unknown"},
		{255, "unknown"},
	}
	for _, tt := range tests {
		if got := tt.s.String(); got != tt.want {
			t.Errorf("Span(%d).String(): got %q, want %q", uint8(tt.s), got, tt.want)
		}
	}
}
