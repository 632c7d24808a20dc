package sessionstore_test

import (
	"bytes"
	"testing"

	"github.com/gorilla/sessions"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/sessionstore"
)

// BenchmarkStores compares loading and saving a session-sized sealed value
// through a GorillaStore with core's own stores, in the same run.
func BenchmarkStores(b *testing.B) {
	value := bytes.Repeat([]byte{0xa5}, 320) // about one sealed session
	stores := []struct {
		name  string
		store core.BrowserStore
	}{
		{"core.CookieStore", core.CookieStore{}},
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
