package core

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/oauth2"

	"github.com/rzauth/rememberizer-go/core/adapter"
	"github.com/rzauth/rememberizer-go/core/event"
)

// client is what a [Client] holds: the configuration, the keys and the
// stores, and the per-process guards. Every operation is a method of it.
type client struct {
	cfg      Config
	oauth    oauth2.Config
	keys     *keyRing
	store    Store    // server-side session store, or nil
	grants   Store    // grant store, or nil
	tagSalt  [32]byte // salts user tags (see userTag)
	sessions sessionBackend
	pending  browserBackend // always sealed cookies
	// namedByCookie: sessions are in a browser store other than the
	// sealed cookie, which may name its record by the session cookie.
	namedByCookie bool
	lockTTL       time.Duration
	http          *http.Client
	now           func() time.Time
	rand          io.Reader
	log           *slog.Logger
	secure        bool
	appOrigin     string
	apiOrigin     string
	accountURL    string

	sessionSlot adapter.Slot
	loginSlot   adapter.Slot

	consumed *expiringSet
	revoked  *expiringSet
	// superseded holds the (session, refresh token) pairs this process
	// rotated out, so a copy of a pre-rotation cookie never spends one.
	superseded     *expiringSet
	refreshes      *refresher
	grantRefreshes *refresher
	// hookPanicked is set once a panic in Config.OnEvent was logged.
	hookPanicked atomic.Bool
	// tracePanicked is set once a panic in Config.Trace was logged.
	tracePanicked atomic.Bool
	// mounted is set once an adapter made the auth routes' handler
	// (adapter.Engine.Mounted).
	mounted atomic.Bool
}

// newClient is [New], without the wrapper that hides the client.
func newClient(cfg Config) (*client, error) {
	c := &client{}
	if err := c.configure(cfg); err != nil {
		return nil, err
	}
	return c, nil
}

// configure fills in cfg's defaults, checks it, and wires the client.
// The checks run in a fixed order, so a config with several faults always
// reports the same one first.
func (c *client) configure(cfg Config) error {
	redirect, base, err := checkEndpoints(&cfg)
	if err != nil {
		return err
	}
	if err := checkRoutesAndCookies(&cfg); err != nil {
		return err
	}
	if err := checkRedirectPath(&cfg, redirect); err != nil {
		return err
	}
	if err := checkLifetimes(&cfg); err != nil {
		return err
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if err := checkStores(&cfg); err != nil {
		return err
	}
	httpClient, err := outgoingClient(cfg.HTTPClient)
	if err != nil {
		return err
	}
	keys, err := newKeyRing(cfg.SessionKeys, cfg.Rand)
	if err != nil {
		return err
	}
	c.wire(cfg, keys, httpClient, redirect, base)
	return nil
}

// wire sets up the client from a checked config with its defaults filled in.
func (c *client) wire(cfg Config, keys *keyRing, httpClient *http.Client, redirect, base *url.URL) {
	c.cfg = cfg
	c.keys = keys
	c.grants = cfg.GrantStore
	c.tagSalt = sha256.Sum256([]byte("rememberizer user tag\x00" + cfg.ClientID))
	switch bs, browser := cfg.Store.(adapter.BrowserStore); {
	case cfg.Store == nil:
		// The cookie store decodes a fresh buffer for every Load, so the
		// session may be decrypted in place.
		c.sessions = browserBackend{store: cookieStore{}, keys: keys, inPlace: true}
	case browser:
		// A store that keeps values with the request (the gorilla
		// bridge) may keep its buffers, and may name its record by the
		// session cookie. It is no server-side Store: it has no keys.
		c.sessions = browserBackend{store: bs, keys: keys}
		c.namedByCookie = true
	default:
		c.store = cfg.Store
		c.sessions = serverBackend{store: cfg.Store, keys: keys, c: c}
	}
	c.pending = browserBackend{store: cookieStore{}, keys: keys, inPlace: true}
	// A refresh may wait one HTTP timeout for the lock, then take one for
	// its token request.
	c.lockTTL = 2 * httpClient.Timeout
	c.http = httpClient
	c.now = cfg.Now
	c.rand = cfg.Rand
	c.log = cfg.Logger
	c.secure = redirect.Scheme == "https"
	c.appOrigin = redirect.Scheme + "://" + redirect.Host
	c.apiOrigin = base.Scheme + "://" + base.Host
	c.accountURL = cfg.AccountURL
	c.oauth = oauth2.Config{
		ClientID:     cfg.ClientID,
		ClientSecret: cfg.ClientSecret,
		RedirectURL:  cfg.RedirectURL,
		Scopes:       cfg.Scopes,
		Endpoint: oauth2.Endpoint{
			AuthURL:   cfg.AuthorizeURL,
			TokenURL:  cfg.TokenURL,
			AuthStyle: oauth2.AuthStyleInParams,
		},
	}
	prefix := ""
	if c.secure {
		prefix = "__Host-"
	}
	c.sessionSlot = adapter.Slot{Name: prefix + cfg.CookieName + "_session", Secure: c.secure}
	c.loginSlot = adapter.Slot{Name: prefix + cfg.CookieName + "_login", MaxAge: cfg.LoginTTL, Secure: c.secure}
	keys.bindNames(c.sessionSlot.Name, c.loginSlot.Name)
	c.consumed = newExpiringSet()
	c.revoked = newExpiringSet()
	c.superseded = newExpiringSet()
	c.refreshes = newRefresher(refreshMemory)
	c.grantRefreshes = newRefresher(0)
	if !c.secure {
		c.log.LogAttrs(context.Background(), slog.LevelWarn, httpWarning, slog.String("redirect_url", cfg.RedirectURL))
	}
}

// LoginPath is [Client.LoginPath].
func (c *client) LoginPath() string { return c.cfg.RoutePrefix + "/login" }

// CallbackPath is the path of the callback route.
func (c *client) callbackPath() string { return c.cfg.RoutePrefix + "/callback" }

// LogoutPath is [Client.LogoutPath].
func (c *client) LogoutPath() string { return c.cfg.RoutePrefix + "/logout" }

// apiURL returns the absolute URL of a Rememberizer API path, e.g.
// apiURL("mementos/") is BaseURL + "/api/v1/mementos/".
func (c *client) apiURL(path string) string {
	return c.cfg.BaseURL + apiPath + strings.TrimLeft(path, "/")
}

// Logger is the client's logger, for adapters to log through.
func (c *client) Logger() *slog.Logger { return c.log }

// randomString returns n random bytes from the configured source,
// base64url-encoded.
func (c *client) randomString(n int) (string, error) {
	b := make([]byte, n)
	if _, err := io.ReadFull(c.rand, b); err != nil {
		return "", fmt.Errorf("%w: %v", errRandom, err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// claimer returns the store that records finished sign-ins across
// instances, or nil, and which of the client's stores it is.
func (c *client) claimer() (Claimer, event.Role) {
	if cl, ok := c.store.(Claimer); ok {
		return cl, event.Session
	}
	if cl, ok := c.grants.(Claimer); ok {
		return cl, event.Grant
	}
	return nil, ""
}
