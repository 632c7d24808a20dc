package failstore

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adapter"
)

// Switch takes the stores it wraps down together, for tests whose storage
// fails in the middle of a session: sign in with working stores, call
// [Switch.Down], and every call of a wrapped store fails with [ErrDown]
// until [Switch.Up]. The zero value is up. It is safe for concurrent use.
type Switch struct{ down atomic.Bool }

// Down makes every store wrapped by s fail.
func (s *Switch) Down() { s.down.Store(true) }

// Up makes every store wrapped by s pass its calls on again.
func (s *Switch) Up() { s.down.Store(false) }

// Store returns a [core.Store] that passes its calls to backend while s is
// up. It hides backend's optional capabilities ([core.Claimer],
// [core.Locker]): core then uses its in-process guards.
func (s *Switch) Store(backend core.Store) core.Store { return &store{sw: s, backend: backend} }

// Browser returns a [BrowserStore] that passes its calls to backend
// while s is up.
func (s *Switch) Browser(backend BrowserStore) BrowserStore {
	return &browser{store: store{sw: s, backend: backend}, backend: backend}
}

type store struct {
	sw      *Switch
	backend core.Store
}

func (s *store) Find(ctx context.Context, key string) ([]byte, bool, error) {
	if s.sw.down.Load() {
		return nil, false, ErrDown
	}
	return s.backend.Find(ctx, key)
}

func (s *store) Commit(ctx context.Context, key string, b []byte, ttl time.Duration) error {
	if s.sw.down.Load() {
		return ErrDown
	}
	return s.backend.Commit(ctx, key, b, ttl)
}

func (s *store) Delete(ctx context.Context, key string) error {
	if s.sw.down.Load() {
		return ErrDown
	}
	return s.backend.Delete(ctx, key)
}

type browser struct {
	store   // the keyed methods
	backend BrowserStore
}

func (b *browser) Load(req adapter.Request, slot adapter.Slot) ([]byte, error) {
	if b.sw.down.Load() {
		return nil, ErrDown
	}
	return b.backend.Load(req, slot)
}

func (b *browser) Save(req adapter.Request, slot adapter.Slot, value []byte) error {
	if b.sw.down.Load() {
		return ErrDown
	}
	return b.backend.Save(req, slot, value)
}

func (b *browser) Erase(req adapter.Request, slot adapter.Slot) error {
	if b.sw.down.Load() {
		return ErrDown
	}
	return b.backend.Erase(req, slot)
}
