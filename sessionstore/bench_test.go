package sessionstore_test

import (
	"bytes"
	"encoding/base64"
	"testing"

	"github.com/gorilla/sessions"

	"github.com/rzauth/rememberizer-go/core/adapter"
	"github.com/rzauth/rememberizer-go/sessionstore"
)

// BenchmarkStores compares loading and saving a session-sized sealed value
// through a GorillaStore with what core's default store does (the value,
// base64url, as the cookie), in the same run.
func BenchmarkStores(b *testing.B) {
	value := bytes.Repeat([]byte{0xa5}, 320) // about one sealed session
	stores := []struct {
		name  string
		store adapter.BrowserStore
	}{
		{"Cookie", base64Cookie{}},
		{"Gorilla/CookieStore", sessionstore.NewGorillaStore(sessions.NewCookieStore(hashKey, blockKey))},
		{"Gorilla/FilesystemStore", sessionstore.NewGorillaStore(sessions.NewFilesystemStore(b.TempDir(), hashKey, blockKey))},
	}
	for _, st := range stores {
		saved := fakeReq("")
		if err := st.store.Save(saved, session, value); err != nil {
			b.Fatal(err)
		}
		cookie := last(b, saved)
		b.Run(st.name+"/Load", func(b *testing.B) {
			b.ReportAllocs()
			req := fakeReq(cookie)
			for b.Loop() {
				if v, err := st.store.Load(req, session); err != nil || len(v) != len(value) {
					b.Fatalf("Load: got %d bytes, %v", len(v), err)
				}
			}
		})
		b.Run(st.name+"/Save", func(b *testing.B) {
			b.ReportAllocs()
			req := fakeReq(cookie)
			for b.Loop() {
				req.Reset()
				if err := st.store.Save(req, session, value); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// base64Cookie keeps a value as its cookie, base64url, as core's default
// session store does: the baseline.
type base64Cookie struct{}

func (base64Cookie) Load(req adapter.Request, slot adapter.Slot) ([]byte, error) {
	b, err := base64.RawURLEncoding.DecodeString(req.Cookie(slot.Name))
	if err != nil {
		return nil, nil
	}
	return b, nil
}

func (base64Cookie) Save(req adapter.Request, slot adapter.Slot, v []byte) error {
	req.SetCookie(slot.Cookie(base64.RawURLEncoding.EncodeToString(v)))
	return nil
}

func (base64Cookie) Erase(req adapter.Request, slot adapter.Slot) error {
	req.SetCookie(slot.ExpiredCookie())
	return nil
}
