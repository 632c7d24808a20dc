package demo

import (
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"strings"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// Defaults for the environment variables [Load] reads.
const (
	DefaultPublicURL = "http://localhost:8080"
	DefaultAddr      = ":8080"
)

// Env is an example app's settings, read from the environment by [Load].
type Env struct {
	// Config is what to pass to core.New.
	Config core.Config

	// Addr is the address to listen on, from ADDR.
	Addr string

	// PublicURL is the URL people open, from PUBLIC_URL, without a
	// trailing slash.
	PublicURL string

	// Logger writes text lines to the stderr given to Load. Config.Logger
	// is the same logger.
	Logger *slog.Logger

	// Fake is the local fake Rememberizer in demo mode, else nil.
	Fake *rememberizertest.Server

	// closeRedis closes the Redis client, when REDIS_URL is set.
	closeRedis func()
}

// Close stops the fake Rememberizer, if demo mode started one, and closes
// the Redis client, if REDIS_URL made one.
func (e *Env) Close() {
	if e.Fake != nil {
		e.Fake.Close()
	}
	if e.closeRedis != nil {
		e.closeRedis()
	}
}

// Load reads the app's settings from the environment:
//
//   - REMEMBERIZER_CLIENT_ID and REMEMBERIZER_CLIENT_SECRET: the app's
//     credentials. Without a client id Load starts demo mode: a fake
//     Rememberizer on a loopback port with a consent page and two demo
//     users, and one line on stdout saying so.
//   - REMEMBERIZER_BASE_URL: Rememberizer's base URL (outside demo mode).
//     Default: https://api.rememberizer.ai.
//   - PUBLIC_URL: the app's origin as people open it; the callback is
//     PUBLIC_URL + "/auth/rememberizer/callback". Default:
//     http://localhost:8080.
//   - ADDR: the listen address. Default: ":8080".
//   - SESSION_KEYS: comma-separated base64 session keys of 32 bytes each,
//     the first one sealing. Without it, Load makes a random key for this
//     process and warns on stderr.
//   - REDIS_URL: when set (e.g. redis://127.0.0.1:6379/0), sessions are
//     kept in Redis instead of sealed cookies.
//
// Log lines go to stderr. The caller must call [Env.Close] when done.
func Load(stdout, stderr io.Writer) (*Env, error) {
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	public, err := publicURL(os.Getenv("PUBLIC_URL"))
	if err != nil {
		return nil, err
	}
	keys, err := sessionKeys(os.Getenv("SESSION_KEYS"), stderr)
	if err != nil {
		return nil, err
	}
	env := &Env{
		Addr:      os.Getenv("ADDR"),
		PublicURL: public,
		Logger:    logger,
		Config: core.Config{
			ClientID:     os.Getenv("REMEMBERIZER_CLIENT_ID"),
			ClientSecret: os.Getenv("REMEMBERIZER_CLIENT_SECRET"),
			BaseURL:      os.Getenv("REMEMBERIZER_BASE_URL"),
			RedirectURL:  public + core.DefaultRoutePrefix + "/callback",
			SessionKeys:  keys,
			Logger:       logger,
		},
	}
	if env.Addr == "" {
		env.Addr = DefaultAddr
	}
	if env.Config.BaseURL == "" {
		env.Config.BaseURL = core.DefaultBaseURL
	}
	if err := env.useRedis(os.Getenv("REDIS_URL")); err != nil {
		return nil, err
	}
	if env.Config.ClientID == "" {
		env.startFake()
		fmt.Fprintf(stdout, "Demo mode: REMEMBERIZER_CLIENT_ID is not set, so sign-ins go to a local fake Rememberizer at %s; open %s\n",
			env.Fake.URL, env.PublicURL)
		return env, nil
	}
	if env.Config.ClientSecret == "" {
		return nil, fmt.Errorf("REMEMBERIZER_CLIENT_SECRET is required when REMEMBERIZER_CLIENT_ID is set")
	}
	return env, nil
}

// DemoUsers are the accounts the fake Rememberizer offers in demo mode.
var DemoUsers = []rememberizertest.User{
	{ID: "1", Email: "ada@example.com", Name: "Ada Lovelace"},
	{ID: "2", Email: "grace@example.com", Name: "Grace Hopper"},
}

// startFake starts the fake Rememberizer and points the config at it.
func (e *Env) startFake() {
	e.Fake = rememberizertest.NewServer(rememberizertest.Config{
		ConsentPage:  true,
		AppName:      "Rememberizer demo app",
		Addr:         "127.0.0.1:0",
		Users:        DemoUsers,
		RedirectURIs: []string{e.Config.RedirectURL},
	})
	e.Config.BaseURL = e.Fake.URL
	e.Config.ClientID = e.Fake.ClientID()
	e.Config.ClientSecret = e.Fake.ClientSecret()
}

// publicURL checks PUBLIC_URL's value, which must be an origin such as
// https://app.example.com, and returns it without a trailing slash.
func publicURL(raw string) (string, error) {
	if raw == "" {
		return DefaultPublicURL, nil
	}
	s := strings.TrimRight(raw, "/")
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("PUBLIC_URL %q must be an origin such as https://app.example.com (scheme and host, no path)", raw)
	}
	return s, nil
}
