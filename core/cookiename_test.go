package core

import (
	"net/url"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/core/adapter"
)

// TestLongestCookieNameFits signs in, over https (so with the "__Host-"
// prefix), with the longest cookie name New accepts, from browsers that
// each start more sign-ins than are kept, with return-tos of every length
// up to the longest (in steps): every login succeeds, and every cookie
// fits within adapter.MaxCookieSize.
func TestLongestCookieNameFits(t *testing.T) {
	t.Parallel()
	cfg := validConfig()
	cfg.CookieName = strings.Repeat("n", maxCookieNameLen)
	c, err := newClient(cfg)
	if err != nil {
		t.Fatalf("New with a %d-character cookie name: got %v, want accepted", maxCookieNameLen, err)
	}
	for n := 1; n <= maxReturnToLen; n += 7 {
		returnTo := "/" + strings.Repeat("r", n-1)
		req := newFakeRequest("GET", "/auth/rememberizer/login?return_to="+url.QueryEscape(returnTo))
		for i := 0; i <= maxPendingLogins; i++ {
			if _, err := c.login(req); err != nil {
				t.Fatalf("return-to of %d bytes, login %d: got %v, want a redirect", n, i, err)
			}
			for _, h := range req.setCookieHeaders() {
				if len(h) > adapter.MaxCookieSize {
					t.Fatalf("return-to of %d bytes, login %d: Set-Cookie is %d bytes, want at most %d", n, i, len(h), adapter.MaxCookieSize)
				}
			}
			req = req.followUp("GET", req.URI())
		}
	}
}
