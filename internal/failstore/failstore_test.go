package failstore_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adapter"
	"github.com/rzauth/rememberizer-go/internal/failstore"
	"github.com/rzauth/rememberizer-go/internal/fakereq"
)

func TestEveryCallFails(t *testing.T) {
	var b failstore.Browser
	slot := adapter.Slot{Name: "session"}
	v, loadErr := b.Load(nil, slot)
	if v != nil {
		t.Errorf("Browser.Load: got %q, want no value", v)
	}
	for _, tt := range []struct {
		name string
		err  error
	}{
		{"Browser.Load", loadErr},
		{"Browser.Save", b.Save(nil, slot, []byte("v"))},
		{"Browser.Erase", b.Erase(nil, slot)},
	} {
		if !errors.Is(tt.err, failstore.ErrDown) {
			t.Errorf("%s: got %v, want ErrDown", tt.name, tt.err)
		}
	}
}

func TestSwitch(t *testing.T) {
	ctx := context.Background()
	var sw failstore.Switch
	s := sw.Store(core.NewMemoryStore())
	b := sw.Browser(failstore.Cookie{})
	slot := adapter.Slot{Name: "session", MaxAge: time.Hour}
	req := &fakereq.Request{}

	// Up: calls reach the backends.
	if err := s.Commit(ctx, "k", []byte("v"), time.Hour); err != nil {
		t.Fatalf("Store.Commit while up: got %v, want nil", err)
	}
	if v, found, err := s.Find(ctx, "k"); err != nil || !found || string(v) != "v" {
		t.Fatalf("Store.Find while up: got %q %v %v, want v true nil", v, found, err)
	}
	if err := b.Save(req, slot, []byte("v")); err != nil || len(req.Set()) != 1 {
		t.Fatalf("Browser.Save while up: got %v and %d cookies, want nil and 1", err, len(req.Set()))
	}

	// Down: every call fails, and nothing reaches the backends.
	sw.Down()
	_, found, findErr := s.Find(ctx, "k")
	_, loadErr := b.Load(req, slot)
	for _, tt := range []struct {
		name string
		err  error
	}{
		{"Store.Find", findErr},
		{"Store.Commit", s.Commit(ctx, "k", []byte("w"), time.Hour)},
		{"Store.Delete", s.Delete(ctx, "k")},
		{"Browser.Load", loadErr},
		{"Browser.Save", b.Save(req, slot, []byte("w"))},
		{"Browser.Erase", b.Erase(req, slot)},
	} {
		if !errors.Is(tt.err, failstore.ErrDown) {
			t.Errorf("%s while down: got %v, want ErrDown", tt.name, tt.err)
		}
	}
	if found {
		t.Error("Store.Find while down: found a value")
	}
	if len(req.Set()) != 1 {
		t.Errorf("Browser while down: got %d cookies set, want still 1", len(req.Set()))
	}

	// Up again: the backend kept what it had.
	sw.Up()
	if v, found, err := s.Find(ctx, "k"); err != nil || !found || string(v) != "v" {
		t.Fatalf("Store.Find up again: got %q %v %v, want v true nil", v, found, err)
	}
}
