package core

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// printVerbs are the fmt verbs printEveryForm uses: those a String method
// covers (%v, %s, %x, %q) and those it does not (%+v, %#v, %d).
var printVerbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"}

// printEveryForm writes v to w in every form a program may print or log
// it: each of printVerbs, slog's text and JSON handlers, and json.Marshal.
func printEveryForm(w io.Writer, v any) {
	for _, verb := range printVerbs {
		fmt.Fprintf(w, verb+"\n", v)
	}
	slog.New(slog.NewTextHandler(w, nil)).Info("text", "v", v)
	slog.New(slog.NewJSONHandler(w, nil)).Info("json", "v", v)
	b, err := json.Marshal(v)
	fmt.Fprintf(w, "json.Marshal: %s %v\n", b, err)
}

// secretForms returns the ways a secret could show in printed output: as
// it is, in hex (%x of a string field), and for keys in base64 (JSON of a
// []byte) and as decimal bytes (%v of a []byte).
func secretForms(secret []byte) []string {
	return []string{
		string(secret),
		hex.EncodeToString(secret),
		base64.StdEncoding.EncodeToString(secret),
		strings.Trim(fmt.Sprint(secret), "[]"),
	}
}

// findSecret returns a description of the first secret found in out, or "".
func findSecret(out string, secrets map[string][]byte) string {
	for name, s := range secrets {
		for i, form := range secretForms(s) {
			if strings.Contains(out, form) {
				return fmt.Sprintf("%s (form %d)", name, i)
			}
		}
	}
	return ""
}

func TestEveryFormRedacts(t *testing.T) {
	t.Parallel()
	var (
		access  = "access-token-3b1f9c2ad7e84f0b"
		refresh = "refresh-token-9d2e7a41c05b6f83"
		id      = "session-id-5f0c8e2b9a7d4136"
		cookie  = "sealed-cookie-value-71c3e9a0b4d2"
		key     = []byte("\x5c\xac\xc9\xfa\x1f\x4d\xd6\xd4\x66\x0c\xfd\x0a\x34\x74\xab\xc1\x1b\xc0\x0e\x84\x81\xbf\xe7\x83\x19\xf8\x06\x22\x7a\x78\x41\x0d")
	)
	cfg := validConfig()
	cfg.SessionKeys = [][]byte{key}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	tok := tokenPair{AccessToken: access, RefreshToken: refresh, TokenType: "Bearer", Expiry: time.Unix(1_800_000_000, 0)}
	sess := Session{User: User{ID: "user-42", Email: "a@example.com"}, CreatedAt: time.Unix(1_700_000_000, 0), secrets: hide(&sessionSecrets{id: id, tok: tok})}
	store := NewMemoryStore()
	storeID := recordKey("session", "a-session-cookie-id-that-must-not-show")
	if err := store.Commit(context.Background(), storeID, []byte("v"), time.Hour); err != nil {
		t.Fatal(err)
	}
	// A request's scope and the context node it gives the handlers, with a
	// cookie waiting for End.
	req := newFakeRequest("GET", "/").addCookie(c.c.get().sessionSlot.Name, cookie)
	sc := c.c.get().newScope(req)
	sc.st.sess = &sess
	sc.st.cookie = cookie
	sc.st.pending = []string{"rememberizer_session=" + cookie + "; Path=/"}
	ctx := sc.Context(context.Background())

	secrets := map[string][]byte{
		"client secret": []byte(cfg.ClientSecret), "session key": key,
		"access token": []byte(access), "refresh token": []byte(refresh),
		"session id": []byte(id), "cookie value": []byte(cookie), "memory store id": []byte(storeID),
	}
	tests := []struct {
		name string
		v    any
		want string // what must still show, so the output is not empty
	}{
		{"*Client", c, "core.Client"},
		{"Client", *c, "core.Client"},
		{"Config", cfg, "client-id"},
		{"*Config", &cfg, "client-id"},
		{"Session", sess, "user-42"},
		{"*Session", &sess, "user-42"},
		{"*MemoryStore", store, "core.MemoryStore"},
		{"MemoryStore", *store, "core.MemoryStore"},
		{"scope", sc, "rememberizer.scope"},
		{"context", ctx, "rememberizer.authContext"},
		{"struct holding them", struct {
			C *Client
			S Session
			M *MemoryStore
			X any
		}{c, sess, store, sc}, "user-42"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out bytes.Buffer
			printEveryForm(&out, tt.v)
			if found := findSecret(out.String(), secrets); found != "" {
				t.Fatalf("the %s shows in:\n%s", found, out.String())
			}
			if !strings.Contains(out.String(), tt.want) {
				t.Fatalf("got output without %q:\n%s", tt.want, out.String())
			}
		})
	}
}

func TestRedactedNilPointers(t *testing.T) {
	t.Parallel()
	// Printing a nil pointer never crashes. Config logs through value
	// methods, which slog reports as "LogValue panicked" for a nil pointer
	// (it recovers).
	for _, tt := range []struct {
		v        any
		panicsOK bool
	}{
		{(*Client)(nil), false}, {(*Session)(nil), false}, {(*MemoryStore)(nil), false},
		{(*Config)(nil), true},
	} {
		var out bytes.Buffer
		printEveryForm(&out, tt.v)
		if !tt.panicsOK && strings.Contains(out.String(), "panicked") {
			t.Errorf("%T: got a panic in:\n%s", tt.v, out.String())
		}
	}
}
