package core

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// TestLongReturnTosKeepFivePendingLogins starts seven sign-ins in one
// browser, most with a return-to of about 2 KB, as forced cross-site
// navigations to /login could: the last five all complete, in any order,
// and only the first two were evicted (S5). A long return-to is kept while
// the record has room for it and for the sign-ins that may follow; the
// others end on the home page. A short one is kept exactly.
func TestLongReturnTosKeepFivePendingLogins(t *testing.T) {
	t.Parallel()
	long := repeatLong(7)
	const short = "/dashboard?tab=settings"
	tests := []struct {
		name      string
		returnTos []string
		want      []string // where each sign-in lands, "" for evicted
	}{
		{
			// The first long one fits with room for four more; the next
			// four do not. Once the first is evicted, the sixth fits.
			name:      "seven long",
			returnTos: long,
			want:      []string{"", "", "/", "/", "/", long[5], "/"},
		},
		{
			name:      "one short among long ones",
			returnTos: []string{long[0], long[1], long[2], long[3], long[4], short, long[6]},
			want:      []string{"", "", "/", "/", "/", short, long[6]},
		},
		{
			name:      "a sign-in under way, then two forced long ones",
			returnTos: []string{short, long[1], long[2]},
			want:      []string{short, long[1], "/"},
		},
		{
			name:      "short ones",
			returnTos: []string{"/a", "/b", "/c", "/d", "/e", short, "/search?q=a%20b"},
			want:      []string{"", "", "/c", "/d", "/e", short, "/search?q=a%20b"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newTestEnv(t, rememberizertest.Config{}, nil)
			browser := newFakeRequest("GET", "/")
			var callbacks []string
			for _, rt := range tt.returnTos {
				login := browser.followUp("GET", "/auth/rememberizer/login?return_to="+url.QueryEscape(rt))
				authz, err := e.c.login(login)
				if err != nil {
					t.Fatalf("Login: %v", err)
				}
				callbacks = append(callbacks, authorizeAt(t, authz))
				browser = login
			}
			// The evicted sign-ins first, while the others are pending;
			// then the others, newest first.
			order := make([]int, 0, len(callbacks))
			for i := range callbacks {
				if tt.want[i] == "" {
					order = append(order, i)
				}
			}
			for i := len(callbacks) - 1; i >= 0; i-- {
				if tt.want[i] != "" {
					order = append(order, i)
				}
			}
			calls := 0
			for _, i := range order {
				cb := browser.followUp("GET", callbacks[i])
				loc, err := e.c.callback(cb)
				browser = cb
				if tt.want[i] == "" {
					if !errors.Is(err, ErrStateMismatch) {
						t.Errorf("sign-in %d: got %q, %v; want ErrStateMismatch (evicted)", i, loc, err)
					}
					continue
				}
				calls++
				if err != nil {
					t.Errorf("sign-in %d: got error %v, want success", i, err)
					continue
				}
				if loc != tt.want[i] {
					t.Errorf("sign-in %d: got location of %d bytes %.30q, want %d bytes %.30q", i, len(loc), loc, len(tt.want[i]), tt.want[i])
				}
			}
			if got := e.fake.TokenCalls(); got != calls {
				t.Errorf("token calls: got %d, want %d", got, calls)
			}
		})
	}
}

// repeatLong returns n distinct valid return-tos of about 2 KB.
func repeatLong(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("/search?page=%d&q=", i) + strings.Repeat("x", 2000)
	}
	return out
}

// authorizeAt follows authz on the fake Rememberizer and returns the
// callback path and query it redirects to.
func authorizeAt(t *testing.T, authz string) string {
	t.Helper()
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Get(authz)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cb, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || resp.StatusCode != http.StatusFound {
		t.Fatalf("authorize: got %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	return cb.Path + "?" + cb.RawQuery
}
