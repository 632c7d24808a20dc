package rememberizer_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/rememberizer"
)

// printVerbs are the fmt verbs printEveryForm uses: those a String method
// covers (%v, %s, %x, %q) and those it does not (%+v, %#v, %d).
var printVerbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"}

// printEveryForm writes v to w in every form a program may print or log
// it: each of printVerbs, fmt.Sprint and Sprintln, slog's text and JSON
// handlers, and json.Marshal.
func printEveryForm(w io.Writer, v any) {
	for _, verb := range printVerbs {
		fmt.Fprintf(w, verb+"\n", v)
	}
	fmt.Fprint(w, fmt.Sprint(v), fmt.Sprintln(v))
	slog.New(slog.NewTextHandler(w, nil)).Info("text", "v", v)
	slog.New(slog.NewJSONHandler(w, nil)).Info("json", "v", v)
	b, err := json.Marshal(v)
	fmt.Fprintf(w, "json.Marshal: %s %v\n", b, err)
}

func TestEveryFormRedacts(t *testing.T) {
	t.Parallel()
	const (
		key   = "rk-api-key-3b1f9c2ad7e84f0b"
		token = "access-token-9d2e7a41c05b6f83"
	)
	cfg := rememberizer.Config{BaseURL: "http://127.0.0.1:9", APIKey: key}
	hc := &http.Client{Transport: bearer{token, http.DefaultTransport}}
	rc, err := rememberizer.New(hc, cfg)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		v    any
		want string // what must still show, so the output is not empty
	}{
		{"Config", cfg, "127.0.0.1:9"},
		{"*Config", &cfg, "127.0.0.1:9"},
		{"*Client", rc, "127.0.0.1:9"},
		{"Client", *rc, "127.0.0.1:9"},
		{"struct holding them", struct {
			C   *rememberizer.Client
			V   rememberizer.Client
			Cfg rememberizer.Config
			X   any
		}{rc, *rc, cfg, &cfg}, "127.0.0.1:9"},
		{"slice of them", []any{rc, cfg}, "127.0.0.1:9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out bytes.Buffer
			printEveryForm(&out, tt.v)
			for name, secret := range map[string]string{"API key": key, "token": token} {
				for _, form := range []string{secret, hex.EncodeToString([]byte(secret))} {
					if strings.Contains(out.String(), form) {
						t.Fatalf("the %s shows in:\n%s", name, out.String())
					}
				}
			}
			if !strings.Contains(out.String(), tt.want) || !strings.Contains(out.String(), "redacted") {
				t.Fatalf("got output without %q and [redacted]:\n%s", tt.want, out.String())
			}
		})
	}
}

func TestRedactedWithoutKey(t *testing.T) {
	t.Parallel()
	got := fmt.Sprintf("%+v", rememberizer.Config{})
	if strings.Contains(got, "redacted") || !strings.Contains(got, `APIKey: ""`) {
		t.Errorf("got %s, want an empty APIKey shown as empty", got)
	}
}
