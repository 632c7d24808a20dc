package demoenv

import (
	"bytes"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/core"
)

// setEnv clears every variable Load reads, then sets those in vars.
func setEnv(t *testing.T, vars map[string]string) {
	t.Helper()
	for _, k := range []string{"REMEMBERIZER_CLIENT_ID", "REMEMBERIZER_CLIENT_SECRET", "REMEMBERIZER_BASE_URL", "PUBLIC_URL", "ADDR", "SESSION_KEYS", "REDIS_URL", "SQLITE_PATH"} {
		t.Setenv(k, vars[k])
	}
}

// config is the core.Config an example's main writes from env.
func config(env *Env) core.Config {
	cfg := core.Config{
		ClientID:     env.ClientID,
		ClientSecret: env.ClientSecret,
		RedirectURL:  env.RedirectURL,
		SessionKeys:  env.SessionKeys,
		BaseURL:      env.BaseURL,
		Logger:       env.Logger,
	}
	if env.RedisStore != nil {
		cfg.Store = env.RedisStore
		cfg.GrantStore = env.RedisStore
	}
	if env.SQLiteStore != nil {
		cfg.GrantStore = env.SQLiteStore
	}
	return cfg
}

// load starts an app as an example's run does: Load, core.New on
// [config], then Announce. It returns what was written to stdout and
// stderr, and a nil env when core.New refused the settings.
func load(t *testing.T) (env *Env, stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	env, err = Load(&errOut)
	if err != nil {
		return nil, out.String(), errOut.String(), err
	}
	t.Cleanup(env.Close)
	if _, err := core.New(config(env)); err != nil {
		return nil, out.String(), errOut.String(), err
	}
	env.Announce(&out, &errOut)
	return env, out.String(), errOut.String(), nil
}

func TestLoadDemoMode(t *testing.T) {
	setEnv(t, map[string]string{"REMEMBERIZER_BASE_URL": "https://ignored.example"})
	env, stdout, stderr, err := load(t)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if env.Fake == nil {
		t.Fatal("got no fake server, want demo mode")
	}
	if n := strings.Count(stdout, "\n"); n != 1 || !strings.HasPrefix(stdout, "Demo mode") {
		t.Errorf("got stdout %q, want exactly one line starting with Demo mode", stdout)
	}
	for _, want := range []string{env.Fake.URL, DefaultPublicURL} {
		if !strings.Contains(stdout, want) {
			t.Errorf("got stdout %q, want it to mention %s", stdout, want)
		}
	}
	cfg := config(env)
	if cfg.BaseURL != env.Fake.URL || cfg.ClientID != env.Fake.ClientID() || cfg.ClientSecret != env.Fake.ClientSecret() {
		t.Errorf("got %v, want it pointed at the fake %s", cfg, env.Fake.URL)
	}
	if want := "http://localhost:8080/auth/rememberizer/callback"; cfg.RedirectURL != want {
		t.Errorf("got RedirectURL %q, want %q", cfg.RedirectURL, want)
	}
	if env.Addr != DefaultAddr {
		t.Errorf("got Addr %q, want %q", env.Addr, DefaultAddr)
	}
	if len(cfg.SessionKeys) != 1 || len(cfg.SessionKeys[0]) != 32 {
		t.Errorf("got %d session keys, want one random key of 32 bytes", len(cfg.SessionKeys))
	}
	// Two lines: core's warning that an http redirect URL is for local
	// development only, and the demo's own about SESSION_KEYS.
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "for local development only") ||
		!strings.Contains(lines[1], "SESSION_KEYS") || !strings.Contains(lines[1], "openssl rand -base64 32") {
		t.Errorf("got stderr %q, want the http warning, then one warning about SESSION_KEYS with the command to make one", stderr)
	}
	if _, err := core.New(cfg); err != nil {
		t.Errorf("core.New: %v", err)
	}
	// The fake serves until Close.
	resp, err := http.Get(env.Fake.MementosURL())
	if err != nil {
		t.Fatalf("fake not serving: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("got status %d from the fake without a token, want 401", resp.StatusCode)
	}
	env.Close()
	if resp, err := http.Get(env.Fake.MementosURL()); err == nil {
		resp.Body.Close()
		t.Errorf("the fake Rememberizer still answers (%d) after Close, want it stopped", resp.StatusCode)
	}
}

func TestLoadWithCredentials(t *testing.T) {
	k, err := core.NewSessionKey()
	if err != nil {
		t.Fatal(err)
	}
	key := base64.StdEncoding.EncodeToString(k)
	setEnv(t, map[string]string{
		"REMEMBERIZER_CLIENT_ID":     "my-client",
		"REMEMBERIZER_CLIENT_SECRET": "my-secret",
		"PUBLIC_URL":                 "https://app.example.com/",
		"ADDR":                       "127.0.0.1:9999",
		"SESSION_KEYS":               key,
	})
	env, stdout, stderr, err := load(t)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if env.Fake != nil || stdout != "" {
		t.Errorf("got demo mode (stdout %q), want none with a client id", stdout)
	}
	if stderr != "" {
		t.Errorf("got stderr %q, want nothing with SESSION_KEYS set", stderr)
	}
	tests := []struct{ field, got, want string }{
		{"RedirectURL", env.RedirectURL, "https://app.example.com/auth/rememberizer/callback"},
		{"PublicURL", env.PublicURL, "https://app.example.com"},
		{"BaseURL", env.BaseURL, ""}, // core.Config's default
		{"ClientID", env.ClientID, "my-client"},
		{"ClientSecret", env.ClientSecret, "my-secret"},
		{"Addr", env.Addr, "127.0.0.1:9999"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %s %q, want %q", tt.field, tt.got, tt.want)
		}
	}
	if _, err := core.New(config(env)); err != nil {
		t.Errorf("core.New: %v", err)
	}
}

// TestLoadErrors: the settings Load refuses. The walk of every example
// (demowalk's refusedSettingsPrintNothing) gives each app's run the other
// refused settings and checks the same: an error naming the setting, and
// nothing printed.
func TestLoadErrors(t *testing.T) {
	shortKey := base64.StdEncoding.EncodeToString([]byte("too short"))
	tests := []struct {
		name    string
		vars    map[string]string
		wantErr string
	}{
		{
			name:    "short session key",
			vars:    map[string]string{"SESSION_KEYS": shortKey},
			wantErr: "key 1 of 1",
		},
		{
			name:    "public URL without a scheme",
			vars:    map[string]string{"PUBLIC_URL": "localhost:8080"},
			wantErr: "PUBLIC_URL",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			setEnv(t, tt.vars)
			env, stdout, stderr, err := load(t)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("got error %v, want one naming %s", err, tt.wantErr)
			}
			if env != nil || stdout != "" || stderr != "" {
				t.Errorf("got env %v, stdout %q and stderr %q, want nothing before the configuration is checked", env, stdout, stderr)
			}
			if strings.Contains(err.Error(), shortKey) {
				t.Errorf("error %q shows the key", err)
			}
		})
	}
}
