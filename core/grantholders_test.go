package core_test

import (
	"context"
	"errors"
	"testing"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adapter"
)

// plainStore is a Store without the optional capabilities.
type plainStore struct{ core.Store }

// downLister is a GrantLister whose backend is down.
type downLister struct{ core.Store }

var errListDown = errors.New("backend down")

func (downLister) ListGrants(context.Context, string, int) ([]adapter.GrantRecord, string, error) {
	return nil, "", errListDown
}

func TestGrantHoldersErrors(t *testing.T) {
	for _, tt := range []struct {
		name   string
		grants core.Store
		want   []error
	}{
		{"no grant store", nil, []error{core.ErrInvalidConfig}},
		{"a store that cannot list", plainStore{core.NewMemoryStore()}, []error{core.ErrInvalidConfig}},
		{"the store fails", downLister{core.NewMemoryStore()}, []error{core.ErrStore, errListDown}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := core.New(core.Config{
				ClientID: "id", ClientSecret: "secret",
				RedirectURL: "http://localhost:8080/auth/rememberizer/callback",
				SessionKeys: [][]byte{[]byte("\xa7\x99\x27\x23\xc2\x79\xba\x09\x44\x60\xff\x00\x04\x4f\x52\xe8\xec\x30\xbe\xcb\xaf\xbc\xcf\x56\xf8\x3c\x2f\x3b\xba\x3e\x0b\x96")},
				GrantStore:  tt.grants,
			})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for id, err := range c.GrantHolders(context.Background()) {
				n++
				if id != "" {
					t.Fatalf("got user %q with the error", id)
				}
				for _, w := range tt.want {
					if !errors.Is(err, w) {
						t.Fatalf("got %v, want an error wrapping %v", err, w)
					}
				}
			}
			if n != 1 {
				t.Fatalf("got %d pairs, want one error", n)
			}
		})
	}
}
