package core

import (
	"bytes"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"
)

func validConfig() Config {
	return Config{
		ClientID:     "client-id",
		ClientSecret: "s3cret-client-value",
		RedirectURL:  "https://app.example.com/auth/rememberizer/callback",
		SessionKeys:  [][]byte{ringKey(1)},
	}
}

func TestNewRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(*Config)
		want   string
	}{
		{"no client id", func(c *Config) { c.ClientID = "" }, "ClientID"},
		{"no secret", func(c *Config) { c.ClientSecret = "" }, "ClientSecret"},
		{"no redirect", func(c *Config) { c.RedirectURL = "" }, "RedirectURL"},
		{"http redirect off loopback", func(c *Config) { c.RedirectURL = "http://example.com/cb" }, "https"},
		{"redirect with fragment", func(c *Config) { c.RedirectURL = "https://example.com/cb#x" }, "fragment"},
		{"redirect with empty fragment", func(c *Config) { c.RedirectURL = "https://example.com/cb#" }, "fragment"},
		{"relative redirect", func(c *Config) { c.RedirectURL = "/cb" }, "absolute"},
		{"redirect with user", func(c *Config) { c.RedirectURL = "https://u:p@example.com/cb" }, "user"},
		{"ftp redirect", func(c *Config) { c.RedirectURL = "ftp://example.com/cb" }, "https"},
		{"lookalike loopback", func(c *Config) { c.RedirectURL = "http://localhost.evil.com/cb" }, "https"},
		{"no keys", func(c *Config) { c.SessionKeys = nil }, "SessionKeys"},
		{"10-byte key", func(c *Config) { c.SessionKeys = [][]byte{make([]byte, 10)} }, "SessionKeys[0]"},
		{"short second key", func(c *Config) { c.SessionKeys = append(c.SessionKeys, make([]byte, 16)) }, "SessionKeys[1]"},
		{"all-zero key", func(c *Config) { c.SessionKeys = [][]byte{make([]byte, keySize)} }, "SessionKeys[0] is not random: all zero bytes (make one with: head -c32 /dev/urandom | base64"},
		{"repeated-byte key", func(c *Config) { c.SessionKeys = [][]byte{bytes.Repeat([]byte{7}, keySize)} }, "SessionKeys[0] is not random: one byte repeated"},
		{"repeated-byte second key", func(c *Config) { c.SessionKeys = append(c.SessionKeys, bytes.Repeat([]byte{0xff}, keySize)) }, "SessionKeys[1] is not random"},
		{"repeated pattern key", func(c *Config) { c.SessionKeys = [][]byte{[]byte("0123456789abcdef0123456789abcdef")} }, "a 16-byte pattern repeated"},
		{"http base off loopback", func(c *Config) { c.BaseURL = "http://api.rememberizer.ai" }, "BaseURL"},
		{"http token URL", func(c *Config) { c.TokenURL = "http://evil.example/token/" }, "TokenURL"},
		{"login TTL too long", func(c *Config) { c.LoginTTL = 16 * time.Minute }, "LoginTTL"},
		{"negative login TTL", func(c *Config) { c.LoginTTL = -time.Second }, "LoginTTL"},
		{"tiny idle timeout", func(c *Config) { c.IdleTimeout = time.Second }, "IdleTimeout"},
		{"bad cookie name", func(c *Config) { c.CookieName = "a b;" }, "CookieName"},
		{"cookie name one too long", func(c *Config) { c.CookieName = strings.Repeat("n", maxCookieNameLen+1) }, "CookieName is 65 characters long; at most 64"},
		{"300-character cookie name", func(c *Config) { c.CookieName = strings.Repeat("n", 300) }, "CookieName is 300 characters"},
		{"bad route prefix", func(c *Config) { c.RoutePrefix = "auth/" }, "RoutePrefix"},
		{"origin with path", func(c *Config) { c.AllowedReturnOrigins = []string{"https://a.example/x"} }, "AllowedReturnOrigins"},
		{"insecure TLS", func(c *Config) {
			c.HTTPClient = &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
		}, "TLS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := validConfig()
			tt.change(&cfg)
			c, err := newClient(cfg)
			if err == nil || c != nil {
				t.Fatalf("got client %v, error nil; want an error", c)
			}
			if !errors.Is(err, ErrInvalidConfig) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %q, want ErrInvalidConfig mentioning %q", err, tt.want)
			}
			if strings.Contains(err.Error(), cfg.ClientSecret) && cfg.ClientSecret != "" {
				t.Fatalf("error %q shows the client secret", err)
			}
		})
	}
}

func TestNewAccepts(t *testing.T) {
	t.Parallel()
	for _, u := range []string{
		"https://app.example.com/auth/rememberizer/callback",
		"http://localhost:8080/auth/rememberizer/callback",
		"http://127.0.0.1:3000/auth/rememberizer/callback",
		"http://127.9.9.9/auth/rememberizer/callback",
		"http://[::1]:3000/auth/rememberizer/callback?app=1",
	} {
		cfg := validConfig()
		cfg.RedirectURL = u
		if _, err := newClient(cfg); err != nil {
			t.Errorf("RedirectURL %q: got %v, want accepted", u, err)
		}
	}
}

// TestNewRefusesRedirectPath: a RedirectURL whose path is not the
// callback route Mount serves would bring the browser back to a 404; New
// says which URL to use instead, or which RoutePrefix fits it.
func TestNewRefusesRedirectPath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		redirect, prefix string
		want             []string // in the error
	}{
		{"https://app.example.com/callback", "", []string{`"https://app.example.com/auth/rememberizer/callback"`}},
		{"https://app.example.com/auth/callback", "", []string{`"https://app.example.com/auth/rememberizer/callback"`, `RoutePrefix to "/auth"`}},
		{"https://app.example.com/auth/rememberizer/callback/", "", []string{`"https://app.example.com/auth/rememberizer/callback"`}},
		{"https://app.example.com/auth/rememberizer/login", "", []string{`"/auth/rememberizer/callback"`}},
		{"https://app.example.com/auth/rememberizer/callback", "/sso", []string{`"https://app.example.com/sso/callback"`}},
	}
	for _, tt := range tests {
		cfg := validConfig()
		cfg.RedirectURL, cfg.RoutePrefix = tt.redirect, tt.prefix
		_, err := newClient(cfg)
		if !errors.Is(err, ErrInvalidConfig) {
			t.Errorf("%s (prefix %q): got %v, want ErrInvalidConfig", tt.redirect, tt.prefix, err)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s (prefix %q): got %q, want it to contain %s", tt.redirect, tt.prefix, err, w)
			}
		}
	}
	cfg := validConfig()
	cfg.RedirectURL, cfg.RoutePrefix = "https://app.example.com/auth/callback", "/auth"
	if _, err := newClient(cfg); err != nil {
		t.Errorf("a RoutePrefix that fits the RedirectURL: got %v, want accepted", err)
	}
}

func TestDefaults(t *testing.T) {
	t.Parallel()
	c, err := newClient(validConfig())
	if err != nil {
		t.Fatal(err)
	}
	if c.cfg.TokenURL != "https://api.rememberizer.ai/api/v1/auth/oauth2/token/" ||
		c.cfg.AuthorizeURL != "https://api.rememberizer.ai/api/v1/auth/oauth2/authorize/" ||
		c.accountURL != "https://api.rememberizer.ai/api/v1/account/" {
		t.Fatalf("endpoints: got %q %q %q", c.cfg.AuthorizeURL, c.cfg.TokenURL, c.accountURL)
	}
	if c.cfg.LoginTTL != 10*time.Minute || c.cfg.SessionLifetime != 7*24*time.Hour || c.cfg.IdleTimeout != 24*time.Hour || c.cfg.RefreshSkew != 30*time.Second {
		t.Fatalf("durations: got %v %v %v %v", c.cfg.LoginTTL, c.cfg.SessionLifetime, c.cfg.IdleTimeout, c.cfg.RefreshSkew)
	}
	if c.http.Timeout != 10*time.Second || c.http.CheckRedirect == nil {
		t.Fatalf("HTTP client: timeout %v, redirects followed=%v", c.http.Timeout, c.http.CheckRedirect == nil)
	}
	if b, ok := c.sessions.(browserBackend); !ok || b.store != (cookieStore{}) || c.store != nil || c.grants != nil {
		t.Fatalf("stores: got sessions %T, store %T, grants %T; want sessions in a cookieStore, no server-side store", c.sessions, c.store, c.grants)
	}
	if c.sessionSlot.Name != "__Host-rememberizer_session" || !c.sessionSlot.Secure {
		t.Fatalf("session slot: got %+v", c.sessionSlot)
	}
	if len(c.oauth.Scopes) != 1 || c.oauth.Scopes[0] != "offline_access" {
		t.Fatalf("scopes: got %q", c.oauth.Scopes)
	}
	// A caller's client is copied, never changed.
	mine := &http.Client{}
	cfg := validConfig()
	cfg.HTTPClient = mine
	if _, err := newClient(cfg); err != nil {
		t.Fatal(err)
	}
	if mine.CheckRedirect != nil || mine.Timeout != 0 {
		t.Fatal("New changed the caller's HTTP client")
	}
}

func TestConfigRedacts(t *testing.T) {
	t.Parallel()
	cfg := validConfig()
	cfg.SessionKeys = [][]byte{[]byte("0123456789abcdefKEYKEYKEYKEY0123")}
	var logs bytes.Buffer
	slog.New(slog.NewTextHandler(&logs, nil)).Info("config", "cfg", cfg)
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("config", "cfg", cfg)
	for _, out := range []string{fmt.Sprintf("%v", cfg), fmt.Sprintf("%+v", cfg), fmt.Sprintf("%#v", cfg), fmt.Sprintf("%v", &cfg), logs.String()} {
		if strings.Contains(out, cfg.ClientSecret) || strings.Contains(out, "KEYKEY") || strings.Contains(out, "48 49 50") {
			t.Fatalf("secret shown in %q", out)
		}
		if !strings.Contains(out, "client-id") {
			t.Fatalf("the client id should still be shown: %q", out)
		}
	}
}
