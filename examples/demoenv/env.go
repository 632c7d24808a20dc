package demoenv

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"

	"github.com/rzauth/rememberizer-go/core/event"
	"github.com/rzauth/rememberizer-go/rememberizertest"
	"github.com/rzauth/rememberizer-go/sessionstore/redisstore"
	"github.com/rzauth/rememberizer-go/sessionstore/sqlitestore"
)

// Defaults for the environment variables [Load] reads.
const (
	DefaultPublicURL = "http://localhost:8080"
	DefaultAddr      = ":8080"
)

// callbackPath is where the adapters mount the sign-in callback, under
// core.Config's default RoutePrefix.
const callbackPath = "/auth/rememberizer/callback"

// Env is an example app's settings, read from the environment by [Load]:
// the values a real app writes into its core.Config, and what the demo
// needs to serve.
type Env struct {
	// ClientID and ClientSecret are the app's credentials, from
	// REMEMBERIZER_CLIENT_ID and REMEMBERIZER_CLIENT_SECRET, or the fake
	// Rememberizer's in demo mode.
	ClientID     string
	ClientSecret string

	// BaseURL is Rememberizer's base URL: REMEMBERIZER_BASE_URL, the fake
	// Rememberizer's URL in demo mode, else empty, which core.Config takes
	// for https://api.rememberizer.ai.
	BaseURL string

	// RedirectURL is the callback's URL: PublicURL +
	// "/auth/rememberizer/callback".
	RedirectURL string

	// SessionKeys are SESSION_KEYS's keys, or one random key for this
	// process.
	SessionKeys [][]byte

	// RedisStore keeps sessions in REDIS_URL's Redis when it is set, else
	// it is nil.
	RedisStore *redisstore.Store

	// SQLiteStore keeps grants in SQLITE_PATH's SQLite file when it is
	// set, else it is nil.
	SQLiteStore *sqlitestore.Store

	// Addr is the address to listen on, from ADDR.
	Addr string

	// PublicURL is the URL people open, from PUBLIC_URL, without a
	// trailing slash.
	PublicURL string

	// Logger writes text lines to the stderr given to Load.
	Logger *slog.Logger

	// Fake is the local fake Rememberizer in demo mode, else nil.
	Fake *rememberizertest.Server

	// OnEvent, with METRICS=1, counts core's events in Prometheus metrics
	// and logs each one; else it is nil. It goes in core.Config.OnEvent.
	OnEvent func(context.Context, event.Event)

	// VectorStoreKey is the API key of the vector store the help center
	// page searches: REMEMBERIZER_VECTOR_STORE_KEY, or in demo mode the
	// key of a vector store the fake holds, with a few help articles.
	// Empty when there is none: the page says so.
	VectorStoreKey string

	// Metrics, with METRICS=1, serves the metrics in Prometheus's text
	// format; the apps mount it at /metrics. Else it is nil.
	Metrics http.Handler

	// generatedKey reports that SessionKeys is a random key made for this
	// process.
	generatedKey bool

	// closeRedis closes the Redis client, when REDIS_URL is set.
	closeRedis func()

	// health checks the session store, when it is Redis.
	health func(context.Context) error
}

// Close stops the fake Rememberizer, if demo mode started one, and closes
// the Redis client and the SQLite store, if REDIS_URL or SQLITE_PATH made
// one.
func (e *Env) Close() {
	if e.Fake != nil {
		e.Fake.Close()
	}
	if e.closeRedis != nil {
		e.closeRedis()
	}
	if e.SQLiteStore != nil {
		e.SQLiteStore.Close()
	}
}

// Load reads the app's settings from the environment:
//
//   - REMEMBERIZER_CLIENT_ID and REMEMBERIZER_CLIENT_SECRET: the app's
//     credentials. Without a client id Load starts demo mode: a fake
//     Rememberizer on a loopback port with a consent page and two demo
//     users.
//   - REMEMBERIZER_BASE_URL: Rememberizer's base URL (outside demo mode).
//     Default: https://api.rememberizer.ai.
//   - PUBLIC_URL: the app's origin as people open it; the callback is
//     PUBLIC_URL + "/auth/rememberizer/callback". Default:
//     http://localhost:PORT, PORT being ADDR's (8080).
//   - ADDR: the listen address. Default: ":8080", or ":PORT" when
//     PUBLIC_URL is a localhost URL with port PORT. When both are set and
//     PUBLIC_URL is on this machine, their ports must agree.
//   - SESSION_KEYS: comma-separated base64 session keys of 32 bytes each,
//     the first one sealing. Without it, Load makes a random key for this
//     process.
//   - REMEMBERIZER_VECTOR_STORE_KEY: the API key of a Rememberizer vector
//     store, which the help center page searches (outside demo mode).
//     Default: none, and the page says there is no help center.
//   - REDIS_URL: when set (e.g. redis://127.0.0.1:6379/0), sessions are
//     kept in Redis instead of sealed cookies. Redis must answer at
//     start-up.
//   - SQLITE_PATH: when set (e.g. ./rememberizer.db), users' grants are
//     kept in this SQLite file, created if missing: they survive a
//     restart and are shared by this machine's processes. Not with
//     REDIS_URL, which keeps grants in Redis.
//
// Load prints nothing: [Env.Announce] says what demo mode and a random key
// mean, once the app has accepted the settings. Log lines go to stderr.
// Unless it fails, the caller must call [Env.Close] when done.
func Load(stderr io.Writer) (*Env, error) {
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	addr, public, err := listenAndPublic(os.Getenv("ADDR"), os.Getenv("PUBLIC_URL"))
	if err != nil {
		return nil, err
	}
	keys, generated, err := sessionKeys(os.Getenv("SESSION_KEYS"))
	if err != nil {
		return nil, err
	}
	env := &Env{
		ClientID:       os.Getenv("REMEMBERIZER_CLIENT_ID"),
		ClientSecret:   os.Getenv("REMEMBERIZER_CLIENT_SECRET"),
		BaseURL:        os.Getenv("REMEMBERIZER_BASE_URL"),
		VectorStoreKey: os.Getenv("REMEMBERIZER_VECTOR_STORE_KEY"),
		RedirectURL:    public + callbackPath,
		SessionKeys:    keys,
		Addr:           addr,
		PublicURL:      public,
		Logger:         logger,
		generatedKey:   generated,
	}
	if env.ClientID != "" && env.ClientSecret == "" {
		return nil, fmt.Errorf("REMEMBERIZER_CLIENT_SECRET is required when REMEMBERIZER_CLIENT_ID is set")
	}
	if os.Getenv("METRICS") == "1" {
		if err := env.useMetrics(); err != nil {
			return nil, err
		}
	}
	if err := env.useRedis(os.Getenv("REDIS_URL")); err != nil {
		return nil, err
	}
	if err := env.useSQLite(os.Getenv("SQLITE_PATH")); err != nil {
		env.Close()
		return nil, err
	}
	if env.ClientID == "" {
		if err := env.startFake(); err != nil {
			env.Close()
			return nil, err
		}
	}
	return env, nil
}

// Announce says on stderr that the session key is random, when it is,
// and on stdout that demo mode is on, naming the fake Rememberizer and the
// URL to open. An app calls it once core.New has accepted the settings, so
// that nothing is printed for settings it refuses.
func (e *Env) Announce(stdout, stderr io.Writer) {
	if e.generatedKey {
		fmt.Fprintf(stderr, "warning: SESSION_KEYS is not set, so this process uses a random session key and everyone is signed out when it restarts; in production set SESSION_KEYS (generate one with: openssl rand -base64 32)\n")
	}
	if e.Fake != nil {
		fmt.Fprintf(stdout, "Demo mode: REMEMBERIZER_CLIENT_ID is not set, so sign-ins go to a local fake Rememberizer at %s; open %s\n",
			e.Fake.URL, e.PublicURL)
	}
}

// DemoUsers returns the accounts the fake Rememberizer offers in demo
// mode.
func DemoUsers() []rememberizertest.User {
	return []rememberizertest.User{
		{ID: "1", Email: "ada@example.com", Name: "Ada Lovelace"},
		{ID: "2", Email: "grace@example.com", Name: "Grace Hopper"},
	}
}

// startFake starts the fake Rememberizer and points the settings at it.
func (e *Env) startFake() error {
	local, err := rememberizertest.StartLocal(e.RedirectURL, rememberizertest.Config{
		AppName: "Rememberizer demo app",
		Users:   DemoUsers(),
	})
	if err != nil {
		return fmt.Errorf("demo mode needs PUBLIC_URL on this machine (http://localhost:PORT): %w", err)
	}
	e.Fake = local.Server
	e.BaseURL = local.BaseURL
	e.ClientID = local.ClientID
	e.ClientSecret = local.ClientSecret
	return e.seedVectorStore(context.Background())
}
