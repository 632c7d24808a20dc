package core

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/rzauth/rememberizer-go/core/event"
)

// Defaults used by [New] for the zero value of the matching [Config] field.
const (
	defaultBaseURL         = "https://api.rememberizer.ai"
	defaultRoutePrefix     = "/auth/rememberizer"
	defaultCookieName      = "rememberizer"
	defaultLoginTTL        = 10 * time.Minute
	maxLoginTTL            = 15 * time.Minute
	defaultSessionLifetime = 7 * 24 * time.Hour
	defaultIdleTimeout     = 24 * time.Hour
	defaultRefreshSkew     = 30 * time.Second
	defaultHTTPTimeout     = 10 * time.Second
	// keySize is the length of every session key: AES-256.
	keySize = 32
	// maxCookieNameLen bounds [Config.CookieName], so that the cookies
	// named after it, holding the largest values the library writes, stay
	// within the 4096 bytes browsers keep.
	maxCookieNameLen = 64
)

// Paths of Rememberizer's endpoints below the base URL.
const (
	authorizePath = "/api/v1/auth/oauth2/authorize/"
	tokenPath     = "/api/v1/auth/oauth2/token/"
	accountPath   = "/api/v1/account/"
	apiPath       = "/api/v1/"
)

// Config configures a [Client]. Only ClientID, ClientSecret, RedirectURL
// and SessionKeys are required; every other zero value is the safe default.
type Config struct {
	// ClientID is the app's client ID from Rememberizer's
	// "Registered apps" page. Required.
	ClientID string

	// ClientSecret is the app's client secret. Required. It is sent in the
	// token request body only and never logged or printed.
	ClientSecret string

	// RedirectURL is the absolute URL of the callback route, exactly as
	// registered at Rememberizer, e.g.
	// "https://app.example.com/auth/rememberizer/callback". It must be
	// https unless its host is loopback (localhost, 127.0.0.0/8, [::1]),
	// and have no fragment. Required. It is the only source of the
	// redirect_uri: request headers such as Host or X-Forwarded-Host never
	// change it.
	RedirectURL string

	// SessionKeys is the key ring that seals cookies and stored values with
	// AES-256-GCM. Each key is 32 random bytes (head -c32 /dev/urandom, or
	// crypto/rand, [NewSessionKey]); a key that is visibly not random is
	// refused: one byte repeated (all zeros included), any pattern of up
	// to 16 bytes repeated, text (a 32-character passphrase, text padded
	// with zeros), few different byte values, or bytes in a narrow range
	// (0, 1, 2 … 31). The first key seals; every key opens, so a new key
	// can be put first and an old one retired later without signing
	// anyone out. Required.
	SessionKeys [][]byte

	// Scopes are requested at authorization. Optional. Default:
	// []string{"offline_access"}, which makes Rememberizer issue a refresh
	// token. A non-nil empty slice requests no scope.
	Scopes []string

	// BaseURL is Rememberizer's base URL; the authorize, token, account and
	// API URLs are derived from it. It must be https unless its host is
	// loopback. Optional. Default: "https://api.rememberizer.ai".
	BaseURL string

	// AuthorizeURL overrides the authorize endpoint. Optional. Default:
	// BaseURL + "/api/v1/auth/oauth2/authorize/".
	AuthorizeURL string

	// TokenURL overrides the token endpoint. Optional. Default:
	// BaseURL + "/api/v1/auth/oauth2/token/".
	TokenURL string

	// AccountURL overrides the account endpoint. Optional. Default:
	// BaseURL + "/api/v1/account/".
	AccountURL string

	// Issuer is compared with the callback's iss parameter when one is
	// present (RFC 9207). Optional. Default: BaseURL.
	Issuer string

	// HTTPClient makes the calls to Rememberizer. Optional. Default: a
	// client with a 10 s timeout. Whatever is given, the client used is a
	// copy that never follows redirects, with a 10 s timeout if it had none.
	//
	// TLS: when the client's Transport is an *http.Transport, or nil
	// (http.DefaultTransport), New clones it, refuses it if its
	// TLSClientConfig skips certificate verification (InsecureSkipVerify),
	// and uses the clone, so later changes to the original (or to
	// http.DefaultTransport) have no effect. Any other RoundTripper, such as
	// a wrapper around an *http.Transport, is used as it is: New cannot see
	// inside it, and checking that it verifies certificates is the
	// caller's job. Nor does New see inside a DialTLSContext (or DialTLS)
	// function, which does its own handshake.
	HTTPClient *http.Client

	// CheckRememberizer makes [Client.Check] also ask Rememberizer
	// whether it can be reached (one request to the token endpoint).
	// Optional. Default: false, Check asks only the stores.
	CheckRememberizer bool

	// Store keeps sessions server-side ([MemoryStore], redisstore): the
	// session cookie carries a random id only, and a session can be
	// revoked everywhere. It also keeps the marks of [Client.EndSessions],
	// read with the session in one round trip when the store is an
	// [adapter.MultiFinder] (both built-in stores are). A store that keeps
	// its values with the browser's request (the gorilla/sessions bridge
	// in package sessionstore, an [adapter.BrowserStore]) is used through
	// the request instead. Optional. Default: nil, each session sealed
	// (AES-256-GCM) in its own cookie. Sign-ins under way always live in a
	// sealed cookie, so anonymous visitors create no server-side state.
	Store Store

	// GrantStore keeps each user's Rememberizer grant (access token,
	// refresh token, expiry) server-side, keyed by the Rememberizer user
	// id: written at sign-in, updated by every refresh, shared by all
	// instances and all of the user's sessions, and read by
	// [Client.HTTPClientFor] for background work. Sessions then carry
	// identity, the grant's generation and the token's expiry, not tokens.
	// Signing out of one browser keeps the grant; [Client.DeleteGrant]
	// removes it and ends the user's sessions. Without a Store it also
	// keeps the marks of [Client.EndSessions] (one read per protected
	// request). Use a store
	// that is a [Locker] (redisstore) when several instances share it.
	// Optional. Default: nil, tokens live in the session.
	GrantStore Store

	// GrantLifetime is how long a grant is kept after it was last
	// written (sign-in or refresh). Optional. Default: 30 days. At least
	// an hour.
	GrantLifetime time.Duration

	// RoutePrefix is where adapters mount the login, callback and logout
	// routes. Optional. Default: "/auth/rememberizer".
	RoutePrefix string

	// CookieName is the base of the cookie names: NAME_session and
	// NAME_login, with the "__Host-" prefix when RedirectURL is https. It
	// holds only letters, digits, '-' and '_', at most 64 of them.
	// Optional. Default: "rememberizer".
	CookieName string

	// AllowedReturnOrigins lists exact origins (scheme://host[:port]) to
	// which an absolute return-to URL may point after sign-in. Optional.
	// Default: none; only relative paths on this app are honoured.
	AllowedReturnOrigins []string

	// LoginTTL is how long a started sign-in may take. Optional. Default:
	// 10 minutes. At most 15 minutes.
	LoginTTL time.Duration

	// SessionLifetime is the absolute lifetime of a session, counted from
	// sign-in. Optional. Default: 7 days.
	SessionLifetime time.Duration

	// IdleTimeout ends a session unused for this long. Optional. Default:
	// 24 hours. It is enforced to within a minute (or a tenth of the
	// timeout, when that is shorter), which is how often activity is
	// written back.
	IdleTimeout time.Duration

	// RefreshSkew is how long before the access token's expiry it is
	// refreshed. Optional. Default: 30 s. It never exceeds half the token's
	// lifetime.
	RefreshSkew time.Duration

	// DisablePKCE turns off PKCE (S256). Optional. Default: false, PKCE on.
	DisablePKCE bool

	// Logger receives the client's log lines. They never contain secrets,
	// tokens, codes, states or provider-supplied text. Optional. Default:
	// slog.Default().
	Logger *slog.Logger

	// OnEvent is called with each [event.Event]: sign-ins, refreshes,
	// ended sessions, grants and store failures, for metrics and audit
	// logs. It runs synchronously, with the context of the request or job
	// the event happened in, so it must be quick; it may be called from
	// many goroutines at once. An event carries no secret and no error
	// text (see package core/event). A panic in it is recovered (the first
	// one is logged), and the operation goes on. Each event also has its
	// line in the log ([Config.Logger]), whether or not OnEvent is set.
	// Optional. Default: nil.
	OnEvent func(ctx context.Context, e event.Event)

	// Trace is called as each operation that talks to Rememberizer
	// starts (a sign-in's callback, its token exchange and account fetch,
	// a refresh: see [event.Span]), for distributed tracing. The context
	// it returns is the operation's, and its outgoing HTTP requests carry
	// it: with an [Config.HTTPClient] whose transport traces (otelhttp),
	// their spans are children of the operation's. The function it
	// returns is called once when the operation ends, with "" or a
	// bounded error type, never an error's text (see [event.Tracer]). A
	// panic in either is recovered (the first one is logged), and the
	// operation goes on. Unset, tracing costs nothing. Package otel of
	// this repository makes OpenTelemetry spans with it. Optional.
	// Default: nil.
	Trace event.Tracer

	// ErrorPage writes the HTML page that is the default
	// answer of every adapter to a failed sign-in, callback or logout,
	// so the page can match the app's look. p holds only fixed text;
	// html/template escapes it. If it returns an error, whatever it wrote
	// is dropped, the error is logged and [DefaultErrorPage] is shown.
	// Optional. Default: [DefaultErrorPage], a small page with an inline
	// style allowed by its own Content-Security-Policy.
	ErrorPage func(w io.Writer, p ErrorPage) error

	// Now is the clock. Optional. Default: time.Now. Tests inject one.
	Now func() time.Time

	// Rand is the source of all randomness: states, verifiers, session
	// ids and nonces. If it fails, the operation fails; nothing weaker is
	// used. Optional. Default: crypto/rand.Reader. Replace it only in tests.
	Rand io.Reader
}

// describe is c without any secret, for [Config.Format].
func (c Config) describe() string {
	return fmt.Sprintf("core.Config{ClientID: %q, ClientSecret: %s, RedirectURL: %q, SessionKeys: [%d keys], BaseURL: %q, Scopes: %q}",
		c.ClientID, redactedIfSet(c.ClientSecret), c.RedirectURL, len(c.SessionKeys), c.BaseURL, c.Scopes)
}

// LogValue logs c without secrets.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("client_id", c.ClientID),
		slog.String("client_secret", redactedIfSet(c.ClientSecret)),
		slog.String("redirect_url", c.RedirectURL),
		slog.Int("session_keys", len(c.SessionKeys)),
	)
}

func redactedIfSet(s string) string {
	if s == "" {
		return `""`
	}
	return "[redacted]"
}

// trimSlash removes trailing slashes from a base URL.
func trimSlash(s string) string { return strings.TrimRight(s, "/") }
