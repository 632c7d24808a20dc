package rememberizer

import (
	"context"
	"time"
)

// Defaults used when the matching [Config] field is zero.
const (
	// DefaultBaseURL is Rememberizer's API origin; paths go under /api/v1/.
	DefaultBaseURL = "https://api.rememberizer.ai"
	// DefaultMaxRetries bounds how many times an idempotent request is
	// sent again after a 429 or 503.
	DefaultMaxRetries = 3
	// DefaultMaxRetryWait caps one wait between attempts, whatever
	// Retry-After asks for.
	DefaultMaxRetryWait = 30 * time.Second
	// DefaultMaxResponseBytes caps how much of one response body is read.
	DefaultMaxResponseBytes = 8 << 20
	// DefaultMaxPages bounds how many pages (or content batches) one list
	// or iterator requests before it stops with [ErrTooManyPages].
	DefaultMaxPages = 1000
	// DefaultMaxResponseValues bounds how many JSON values (array elements
	// and object members) one response may hold before it is decoded.
	DefaultMaxResponseValues = 100_000
	// DefaultMaxUploadBytes caps one uploaded file.
	DefaultMaxUploadBytes = 32 << 20
	// DefaultTimeout is the timeout of the HTTP client [New] makes when it
	// is given none.
	DefaultTimeout = 30 * time.Second
)

// APIPath is the prefix of every API path under the base URL.
const APIPath = "/api/v1/"

// Config configures a [Client]. The zero value is ready to use.
type Config struct {
	// BaseURL is Rememberizer's origin, such as https://api.rememberizer.ai
	// or a rememberizertest server's URL. Requests go to BaseURL + APIPath
	// + the endpoint's path. It must be https, except on loopback hosts.
	// Optional. Default: "https://api.rememberizer.ai".
	BaseURL string

	// APIKey, when set, is sent in the x-api-key header of every request,
	// as Rememberizer's Common Knowledge keys are used. Leave it empty when
	// the HTTP client already authenticates (the one from
	// core.Client.HTTPClient adds the user's bearer token).
	// Optional. Default: "" (no header).
	APIKey string

	// MaxRetries is how many times a GET that was answered 429 or 503 is
	// sent again. POSTs are never retried.
	// Optional. Default: 3.
	MaxRetries int

	// DisableRetries turns retries off altogether.
	// Optional. Default: false.
	DisableRetries bool

	// MaxRetryWait caps one wait between attempts.
	// Optional. Default: 30 * time.Second.
	MaxRetryWait time.Duration

	// MaxResponseBytes caps the size of a response body; a larger one is
	// an [ErrResponseTooLarge] error.
	// Optional. Default: 8 MiB.
	MaxResponseBytes int64

	// MaxPages caps how many pages one paginated list ([Client.Documents],
	// [Client.Mementos], …) or chunk iterator ([Client.DocumentContents])
	// requests; past it the list stops with an [ErrTooManyPages] error.
	// A server that sends a next link (or cursor) it sent before gets an
	// [ErrPageCycle] error whatever this limit.
	// Optional. Default: 1000.
	MaxPages int

	// MaxResponseValues caps how many JSON values (array elements and
	// object members, at any depth) one response may hold. It bounds the
	// cost of decoding, which MaxResponseBytes alone does not: 8 MiB of
	// empty objects would decode into gigabytes of structs. A response
	// over it is an [ErrResponseTooLarge] error and is not decoded.
	// Optional. Default: 100,000.
	MaxResponseValues int

	// MaxUploadBytes caps the size of one file an upload sends ([Upload]).
	// Optional. Default: 32 MiB.
	MaxUploadBytes int64

	// Sleep waits d before a retry and returns ctx's error, at once, if
	// ctx ends first. Tests inject one that does not sleep.
	// Optional. Default: a timer that honours ctx.
	Sleep func(ctx context.Context, d time.Duration) error

	// Now is the current time, for Retry-After given as an HTTP date.
	// Optional. Default: time.Now.
	Now func() time.Time

	// UserAgent is the User-Agent header sent with every request.
	// Optional. Default: "rememberizer-go".
	UserAgent string
}

// withDefaults returns c with zero fields filled in.
func (c Config) withDefaults() Config {
	if c.BaseURL == "" {
		c.BaseURL = DefaultBaseURL
	}
	if c.MaxRetries <= 0 {
		c.MaxRetries = DefaultMaxRetries
	}
	if c.DisableRetries {
		c.MaxRetries = 0
	}
	if c.MaxRetryWait <= 0 {
		c.MaxRetryWait = DefaultMaxRetryWait
	}
	if c.MaxResponseBytes <= 0 {
		c.MaxResponseBytes = DefaultMaxResponseBytes
	}
	if c.MaxPages <= 0 {
		c.MaxPages = DefaultMaxPages
	}
	if c.MaxResponseValues <= 0 {
		c.MaxResponseValues = DefaultMaxResponseValues
	}
	if c.MaxUploadBytes <= 0 {
		c.MaxUploadBytes = DefaultMaxUploadBytes
	}
	if c.Sleep == nil {
		c.Sleep = sleep
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.UserAgent == "" {
		c.UserAgent = "rememberizer-go"
	}
	return c
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
