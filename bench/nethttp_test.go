package bench

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/alexedwards/scs/v2"
	"github.com/gorilla/sessions"
	"github.com/markbates/goth/gothic"

	"github.com/rzauth/rememberizer-go/bench/internal/provider"
	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
)

// BenchmarkNetHTTP reads a signed-in session on net/http: the bare
// handler (the floor), RequireRememberizer with each store, and the
// net/http session libraries, each holding the same payload.
func BenchmarkNetHTTP(b *testing.B) {
	benchFramework(b, netHTTPBare, netHTTPProtected,
		peer{"gorilla-sessions", benchGorilla},
		peer{"goth-gothic", benchGothic},
		peer{"scs-memstore", benchSCS})
}

func netHTTPPrivate(w http.ResponseWriter, r *http.Request) { io.WriteString(w, userName(r.Context())) }

// netHTTPBare serves GET /private on a mux, unprotected.
func netHTTPBare(b *testing.B) func() {
	mux := http.NewServeMux()
	mux.HandleFunc("/private", netHTTPPrivate)
	return httpServer(b, mux, privateRequest(nil), "public")
}

// netHTTPProtected serves GET /private behind RequireRememberizer, with
// the auth routes mounted as an app would, for the browser holding cookie.
func netHTTPProtected(tb testing.TB, c *core.Client, cookie *http.Cookie) func() {
	mux := http.NewServeMux()
	nethttp.Mount(mux, c)
	mux.Handle("/private", nethttp.RequireRememberizer(c)(http.HandlerFunc(netHTTPPrivate)))
	return httpServer(tb, mux, privateRequest(cookie), provider.User.Name)
}

// benchGorilla reads the session with gorilla/sessions' CookieStore,
// authenticated (HMAC-SHA256) and encrypted (AES-256), as
// store.Get(r, name) in a handler.
func benchGorilla(b *testing.B, p provider.Payload) {
	store := sessions.NewCookieStore(hashKey, sealKey)
	rec := httptest.NewRecorder()
	r := httptest.NewRequest("GET", "/", nil)
	s, _ := store.New(r, "session")
	peerFields(p).put(func(k string, v any) { s.Values[k] = v })
	if err := s.Save(r, rec); err != nil {
		b.Fatal(err)
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, err := store.Get(r, "session")
		if err != nil || s.IsNew {
			http.Error(w, "no session", http.StatusUnauthorized)
			return
		}
		name, _ := s.Values["name"].(string)
		io.WriteString(w, name)
	})
	serveHTTP(b, h, privateRequest(sessionCookie(b, rec.Result().Cookies(), "session")), provider.User.Name)
}

// gothSession is what a goth provider session marshals to (as JSON, like
// goth's providers do), with the user's fields added.
type gothSession struct {
	AuthURL      string
	AccessToken  string
	RefreshToken string
	ExpiresAt    string
	UserID       string
	Email        string
	Name         string
}

// benchGothic reads the session with gothic.GetFromSession over a
// gorilla CookieStore with hash and block keys, then decodes it as a goth
// provider's UnmarshalSession does.
func benchGothic(b *testing.B, p provider.Payload) {
	gothic.Store = sessions.NewCookieStore(hashKey, sealKey)
	f := peerFields(p)
	data, _ := json.Marshal(gothSession{
		AuthURL: "https://api.rememberizer.ai/api/v1/auth/oauth2/authorize/", AccessToken: f.AccessToken,
		RefreshToken: f.RefreshToken, ExpiresAt: f.ExpiresAt.Format("2006-01-02T15:04:05Z07:00"),
		UserID: f.UserID, Email: f.Email, Name: f.Name,
	})
	rec := httptest.NewRecorder()
	if err := gothic.StoreInSession("rememberizer", string(data), httptest.NewRequest("GET", "/", nil), rec); err != nil {
		b.Fatal(err)
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, err := gothic.GetFromSession("rememberizer", r)
		if err != nil {
			http.Error(w, "no session", http.StatusUnauthorized)
			return
		}
		var s gothSession
		if err := json.NewDecoder(strings.NewReader(v)).Decode(&s); err != nil {
			http.Error(w, "bad session", http.StatusUnauthorized)
			return
		}
		io.WriteString(w, s.Name)
	})
	serveHTTP(b, h, privateRequest(sessionCookie(b, rec.Result().Cookies(), gothic.SessionName)), provider.User.Name)
}

// benchSCS reads the session with scs's LoadAndSave middleware and its
// default in-memory store, then sm.GetString.
func benchSCS(b *testing.B, p provider.Payload) {
	sm := scs.New()
	sm.Cookie.Name = "session"
	put := sm.LoadAndSave(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		peerFields(p).put(func(k string, v any) { sm.Put(r.Context(), k, v) })
	}))
	rec := httptest.NewRecorder()
	put.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	h := sm.LoadAndSave(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := sm.GetString(r.Context(), "name")
		if name == "" {
			http.Error(w, "no session", http.StatusUnauthorized)
			return
		}
		io.WriteString(w, name)
	}))
	serveHTTP(b, h, privateRequest(sessionCookie(b, rec.Result().Cookies(), "session")), provider.User.Name)
}
