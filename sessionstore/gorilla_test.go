package sessionstore_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/gorilla/sessions"

	"github.com/rzauth/rememberizer-go/core/adapter"
	"github.com/rzauth/rememberizer-go/core/storetest"
	"github.com/rzauth/rememberizer-go/internal/testclock"
	"github.com/rzauth/rememberizer-go/sessionstore"
)

var (
	hashKey  = bytes.Repeat([]byte{'h'}, 32)
	blockKey = bytes.Repeat([]byte{'b'}, 32)
)

// newFakeClock is a clock the conformance suite moves forward.
func newFakeClock() *testclock.Clock {
	return testclock.New(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
}

func TestGorillaCookieStoreConformance(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		keys [][]byte
	}{
		{"HashAndBlockKey", [][]byte{hashKey, blockKey}},
		{"HashKeyOnly", [][]byte{hashKey}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			// The value lives in gorilla's cookie: the browser expires it
			// from Max-Age, and the default MaxValue (2048 bytes) is what
			// fits a 4096-byte cookie after gob, securecookie and base64.
			storetest.RunBrowser(t, storetest.BrowserConfig{
				New: func(*testing.T) adapter.BrowserStore {
					return sessionstore.NewGorillaStore(sessions.NewCookieStore(tt.keys...))
				},
				ValueInCookie: true,
			})
		})
	}
}

func TestGorillaFilesystemStoreConformance(t *testing.T) {
	t.Parallel()
	// The cookie holds only gorilla's signed session id and the value is
	// in a file, so the value's size is bounded by the file's securecookie
	// MaxLength, not by a cookie: raised to 64 KiB, it keeps 32 KiB values
	// (twice base64-encoded, they take about 58 KiB).
	newFS := func(t *testing.T) *sessions.FilesystemStore {
		fs := sessions.NewFilesystemStore(t.TempDir(), hashKey, blockKey)
		fs.MaxLength(64 << 10)
		return fs
	}

	t.Run("FakeClock", func(t *testing.T) {
		t.Parallel()
		// securecookie's MaxAge is one setting for the whole gorilla
		// store (30 days here), so it cannot expire a one-second slot:
		// the store enforces each value's expiry from its own clock,
		// which the suite moves.
		clock := newFakeClock()
		storetest.RunBrowser(t, storetest.BrowserConfig{
			New: func(t *testing.T) adapter.BrowserStore {
				return sessionstore.NewGorillaStore(newFS(t), sessionstore.GorillaConfig{Now: clock.Now})
			},
			Advance:  clock.Advance,
			MaxValue: 32 << 10,
		})
	})

	t.Run("RealClock", func(t *testing.T) {
		t.Parallel()
		// The same on the wall clock: the Expiry case waits (up to 10 s)
		// until a value saved with a one-second MaxAge stops loading,
		// with the browser still sending its cookie.
		storetest.RunBrowser(t, storetest.BrowserConfig{
			New: func(t *testing.T) adapter.BrowserStore {
				return sessionstore.NewGorillaStore(newFS(t))
			},
			MaxValue: 32 << 10,
		})
	})
}
