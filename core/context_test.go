package core

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/rememberizertest"
)

func TestNewContextWithoutSession(t *testing.T) {
	t.Parallel()
	c, err := newClient(validConfig())
	if err != nil {
		t.Fatal(err)
	}
	for name, ctx := range map[string]context.Context{
		"nil session":   c.NewContext(context.Background(), nil),
		"plain context": context.Background(),
	} {
		if u, ok := UserFrom(ctx); ok || u != (User{}) {
			t.Errorf("%s: UserFrom got %+v, %v; want nothing", name, u, ok)
		}
		if s, ok := SessionFrom(ctx); ok || s != nil {
			t.Errorf("%s: SessionFrom got %v, %v; want nothing", name, s, ok)
		}
		if _, err := c.HTTPClient(ctx); !errors.Is(err, ErrNotSignedIn) {
			t.Errorf("%s: HTTPClient got %v, want ErrNotSignedIn", name, err)
		}
		if _, err := c.TokenSource(ctx); !errors.Is(err, ErrNotSignedIn) {
			t.Errorf("%s: TokenSource got %v, want ErrNotSignedIn", name, err)
		}
	}
}

// A session put in a context with no request, as a unit test of one
// handler does: the accessors read it, the API client sends its token,
// and nothing is ever written anywhere.
func TestNewContextForOneHandler(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, rememberizertest.Config{}, nil)
	token, err := e.fake.IssueAccessToken("42")
	if err != nil {
		t.Fatal(err)
	}
	s := &Session{
		User:      User{ID: "42", Name: "Ada"},
		CreatedAt: e.clock(),
		LastSeen:  e.clock(),
		secrets:   hide(&sessionSecrets{id: "test", tok: tokenPair{AccessToken: token, RefreshToken: "r", Expiry: e.clock().Add(time.Hour), IssuedAt: e.clock()}}),
	}
	ctx := e.c.NewContext(context.Background(), s)
	if u, ok := UserFrom(ctx); !ok || u.Name != "Ada" {
		t.Fatalf("UserFrom: got %+v, %v", u, ok)
	}
	hc, err := e.c.HTTPClient(ctx)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := hc.Get(e.c.apiURL("mementos/"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("API call: got %d, want 200", resp.StatusCode)
	}
	// Expired: with no response to carry new tokens, no refresh is spent.
	e.advance(2 * time.Hour)
	if _, err := hc.Get(e.c.apiURL("mementos/")); !errors.Is(err, ErrRequestEnded) || e.fake.RefreshCalls() != 0 {
		t.Fatalf("expired token: got %v after %d refresh calls, want ErrRequestEnded after 0", err, e.fake.RefreshCalls())
	}
}
