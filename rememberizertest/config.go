package rememberizertest

import "time"

// Default values used when the matching [Config] field is empty.
const (
	// DefaultClientID is the client id when [Config.ClientID] is empty.
	DefaultClientID = "test-client-id"
	// DefaultClientSecret is the client secret when [Config.ClientSecret] is empty.
	DefaultClientSecret = "test-client-secret"
	// DefaultTokenLifetime is the access token lifetime when [Config.TokenLifetime] is zero.
	DefaultTokenLifetime = time.Hour
	// DefaultCodeLifetime is the authorization code lifetime when [Config.CodeLifetime] is zero.
	DefaultCodeLifetime = time.Minute
	// DefaultAppName is the app name when [Config.AppName] is empty.
	DefaultAppName = "Demo app"
)

// User is an account the fake can sign in as.
type User struct {
	// ID is the account id as the API returns it. It is rendered as a JSON
	// number when it is a valid JSON integer made of digits only (no
	// leading zero), else as a JSON string.
	ID    string
	Email string
	Name  string
}

// Memento is a curated slice of a user's knowledge that the user can share
// with an app on the consent page.
type Memento struct {
	ID   int
	Name string
}

// Config configures a [Server]. The zero value is ready to use.
type Config struct {
	// ClientID is the registered app's client id.
	// Optional. Default: "test-client-id".
	ClientID string

	// ClientSecret is the registered app's client secret.
	// Optional. Default: "test-client-secret".
	ClientSecret string

	// Users are the accounts that can sign in. The first one is the
	// current user until [Server.SetUser] picks another.
	// Optional. Default: one user {ID: "42", Email: "ada@example.com",
	// Name: "Ada Lovelace"}.
	Users []User

	// Mementos are shared by every user and offered on the consent page.
	// Optional. Default (nil): "Research notes", "Slack #design" and
	// "Inbox". An empty, non-nil slice means the user has no mementos.
	Mementos []Memento

	// ConsentPage makes the authorize endpoint serve an HTML consent page
	// with Approve and Deny buttons, for demos and browser tests.
	// Optional. Default: false, the authorize endpoint approves at once as
	// the current user.
	ConsentPage bool

	// TokenLifetime is the lifetime of access tokens.
	// Optional. Default: 1 hour.
	TokenLifetime time.Duration

	// OmitExpiresIn leaves expires_in out of token responses, as the real
	// service's documentation allows.
	// Optional. Default: false.
	OmitExpiresIn bool

	// OmitRefreshToken leaves refresh_token out of every token response,
	// even when offline_access was requested.
	// Optional. Default: false.
	OmitRefreshToken bool

	// DisableRotation makes a refresh return no new refresh token and keep
	// the old one valid.
	// Optional. Default: false, each refresh issues a new refresh token and
	// the old one stops working at once.
	DisableRotation bool

	// DetectReuse makes the token endpoint treat a rotated-out refresh
	// token as theft, as strict servers do: presenting one revokes the
	// whole grant (every access and refresh token descending from the
	// same sign-in), and [Server.ReuseDetections] counts it.
	// Optional. Default: false, a rotated-out token is only refused.
	DetectReuse bool

	// CodeLifetime is how long an authorization code can be exchanged.
	// Optional. Default: 1 minute.
	CodeLifetime time.Duration

	// Now returns the current time for code and token expiry, so tests can
	// move time.
	// Optional. Default: time.Now.
	Now func() time.Time

	// Addr is the listen address.
	// Optional. Default: "127.0.0.1:0" (falling back to "[::1]:0"), like
	// net/http/httptest.
	Addr string

	// AppName is the app's name shown on the consent page.
	// Optional. Default: "Demo app".
	AppName string

	// RedirectURIs are the registered redirect URLs. When set, the authorize
	// endpoint accepts only these exact strings, as the real service does.
	// Optional. Default: any absolute http or https URL without a fragment.
	RedirectURIs []string

	// Documents are the knowledge every user starts with, served by the
	// documents, search and contents endpoints. Each user gets a copy, to
	// which the memorize endpoint adds.
	// Optional. Default (nil): [DefaultDocuments]. An empty, non-nil
	// slice means users start with no documents.
	Documents []Document
}

// withDefaults returns a copy of c with empty fields filled in. Slices are
// copied so later changes by the caller do not reach the server.
func (c Config) withDefaults() Config {
	if c.ClientID == "" {
		c.ClientID = DefaultClientID
	}
	if c.ClientSecret == "" {
		c.ClientSecret = DefaultClientSecret
	}
	if len(c.Users) == 0 {
		c.Users = []User{{ID: "42", Email: "ada@example.com", Name: "Ada Lovelace"}}
	} else {
		c.Users = append([]User(nil), c.Users...)
	}
	if c.Mementos == nil {
		c.Mementos = []Memento{
			{ID: 1, Name: "Research notes"},
			{ID: 2, Name: "Slack #design"},
			{ID: 3, Name: "Inbox"},
		}
	} else {
		c.Mementos = append([]Memento(nil), c.Mementos...)
	}
	if c.TokenLifetime <= 0 {
		c.TokenLifetime = DefaultTokenLifetime
	}
	if c.CodeLifetime <= 0 {
		c.CodeLifetime = DefaultCodeLifetime
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.AppName == "" {
		c.AppName = DefaultAppName
	}
	c.RedirectURIs = append([]string(nil), c.RedirectURIs...)
	if c.Documents == nil {
		c.Documents = DefaultDocuments()
	} else {
		c.Documents = copyDocuments(c.Documents)
	}
	return c
}
