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
	"time"

	"golang.org/x/oauth2"
)

// Client signs users in with Rememberizer and keeps their sessions. It is
// made once with [New] and shared by all requests: it is safe for
// concurrent use.
//
// Apps use [Client.HTTPClient] and [Client.TokenSource] in handlers,
// [Client.HTTPClientFor], [Client.TokenSourceFor] and [Client.DeleteGrant]
// outside requests, [Client.LoginPath] and [Client.LogoutPath] for links
// and forms, [Client.APIURL], [Client.SameOrigin], and [Client.NewContext]
// in handler tests. The other methods are for adapters (see the package
// overview): [Client.ServeAuth], [Client.Protect], [Client.ProtectOptional],
// [Client.SignInReply], [Client.ErrorReply], and the operations under them.
type Client struct {
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

	sessionSlot Slot
	loginSlot   Slot
	sessionAD   []byte // sessionSlot.Name, the associated data of sessions

	consumed *expiringSet
	revoked  *expiringSet
	// superseded holds the (session, refresh token) pairs this process
	// rotated out, so a copy of a pre-rotation cookie never spends one.
	superseded     *expiringSet
	refreshes      *refresher
	grantRefreshes *refresher
}

// New checks cfg and returns a Client. It fails, with an error wrapping
// [ErrInvalidConfig] that says what to fix, on anything that cannot work
// safely: a missing client id or secret, a redirect URL that is not
// absolute, has a fragment, or is http off loopback, endpoints that are
// http off loopback, keys that are not 32 bytes or visibly not random
// (all zeros, a repeated byte or short pattern), a cookie name over
// [MaxCookieNameLen] characters, lifetimes out of range, or an HTTP client
// that skips TLS verification (see [Config.HTTPClient] for what is
// checked). When the redirect URL is http (loopback), New logs one
// warning that this is for local development only: over http, other
// servers on the same host can read and set the cookies.
func New(cfg Config) (*Client, error) {
	c := &Client{}
	if err := c.configure(cfg); err != nil {
		return nil, err
	}
	return c, nil
}

// configure fills in cfg's defaults, checks it, and wires the client.
// The checks run in a fixed order, so a config with several faults always
// reports the same one first.
func (c *Client) configure(cfg Config) error {
	redirect, base, err := checkEndpoints(&cfg)
	if err != nil {
		return err
	}
	if err := checkRoutesAndCookies(&cfg); err != nil {
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
func (c *Client) wire(cfg Config, keys *keyRing, httpClient *http.Client, redirect, base *url.URL) {
	c.cfg = cfg
	c.keys = keys
	c.store = cfg.Store
	c.grants = cfg.GrantStore
	c.tagSalt = sha256.Sum256([]byte("rememberizer user tag\x00" + cfg.ClientID))
	if cfg.Store != nil {
		c.sessions = serverBackend{store: cfg.Store, keys: keys, c: c}
	} else {
		// The cookie store decodes a fresh buffer for every Load, so the
		// session may be decrypted in place; other stores may keep theirs.
		_, own := cfg.BrowserStore.(CookieStore)
		c.sessions = browserBackend{store: cfg.BrowserStore, keys: keys, inPlace: own}
		c.namedByCookie = !own
	}
	c.pending = browserBackend{store: CookieStore{}, keys: keys, inPlace: true}
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
	c.sessionSlot = Slot{Name: prefix + cfg.CookieName + "_session", Secure: c.secure}
	c.loginSlot = Slot{Name: prefix + cfg.CookieName + "_login", MaxAge: cfg.LoginTTL, Secure: c.secure}
	c.sessionAD = []byte(c.sessionSlot.Name)
	c.consumed = newExpiringSet()
	c.revoked = newExpiringSet()
	c.superseded = newExpiringSet()
	c.refreshes = newRefresher(refreshMemory)
	c.grantRefreshes = newRefresher(0)
	if !c.secure {
		c.log.LogAttrs(context.Background(), slog.LevelWarn, httpWarning, slog.String("redirect_url", cfg.RedirectURL))
	}
}

// LoginPath is the path of the login route, e.g. "/auth/rememberizer/login".
func (c *Client) LoginPath() string { return c.cfg.RoutePrefix + "/login" }

// CallbackPath is the path of the callback route.
func (c *Client) CallbackPath() string { return c.cfg.RoutePrefix + "/callback" }

// LogoutPath is the path of the logout route.
func (c *Client) LogoutPath() string { return c.cfg.RoutePrefix + "/logout" }

// APIURL returns the absolute URL of a Rememberizer API path, e.g.
// APIURL("mementos/") is BaseURL + "/api/v1/mementos/".
func (c *Client) APIURL(path string) string {
	return c.cfg.BaseURL + APIPath + strings.TrimLeft(path, "/")
}

// Logger is the client's logger, for adapters to log through.
func (c *Client) Logger() *slog.Logger { return c.log }

// randomString returns n random bytes from the configured source,
// base64url-encoded.
func (c *Client) randomString(n int) (string, error) {
	b := make([]byte, n)
	if _, err := io.ReadFull(c.rand, b); err != nil {
		return "", fmt.Errorf("%w: %v", ErrRandom, err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// claimer returns the store that records finished sign-ins across
// instances, or nil.
func (c *Client) claimer() Claimer {
	if cl, ok := c.store.(Claimer); ok {
		return cl
	}
	if cl, ok := c.grants.(Claimer); ok {
		return cl
	}
	return nil
}
