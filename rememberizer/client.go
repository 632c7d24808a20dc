package rememberizer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// Client calls the Rememberizer API over an *http.Client. Create one with
// [New]. A Client is safe for concurrent use; it holds no credentials of
// its own beyond [Config.APIKey].
type Client struct {
	hc     *http.Client
	cfg    Config
	origin string // scheme://host of the base URL
	api    string // BaseURL + APIPath
}

// New returns a Client that sends its requests with hc, which carries the
// caller's credentials: the request-scoped client from
// core.Client.HTTPClient, a background client, or a plain client with
// [Config.APIKey] set. A nil hc means a plain client with a
// [DefaultTimeout] timeout.
//
// The Client never sends a request, and never follows a redirect or a next
// link, to another origin than the base URL's ([ErrForeignHost]), so the
// credentials hc adds never reach another host. New returns an
// [ErrInvalidConfig] error when the base URL is not an https origin (http
// is allowed on loopback hosts only).
func New(hc *http.Client, cfg ...Config) (*Client, error) {
	var conf Config
	if len(cfg) > 0 {
		conf = cfg[0]
	}
	conf = conf.withDefaults()
	base, err := url.Parse(strings.TrimRight(conf.BaseURL, "/"))
	if err != nil || base.Host == "" || base.User != nil || base.RawQuery != "" || base.Fragment != "" ||
		(base.Path != "" && base.Path != "/") {
		return nil, fmt.Errorf("%w: BaseURL must be an origin such as %s", ErrInvalidConfig, DefaultBaseURL)
	}
	switch {
	case base.Scheme == "https":
	case base.Scheme == "http" && isLoopback(base.Hostname()):
	default:
		return nil, fmt.Errorf("%w: BaseURL must be https (http only on loopback hosts)", ErrInvalidConfig)
	}
	if strings.ContainsAny(conf.APIKey, "\r\n") {
		return nil, fmt.Errorf("%w: APIKey contains a line break", ErrInvalidConfig)
	}
	origin := base.Scheme + "://" + base.Host
	c := &Client{cfg: conf, origin: origin, api: origin + APIPath}
	if hc == nil {
		hc = &http.Client{Timeout: DefaultTimeout}
	}
	// A copy, so the caller's client is left as it was, that refuses
	// redirects to another origin: net/http would carry custom headers
	// such as x-api-key along.
	own := *hc
	next := hc.CheckRedirect
	own.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if !c.sameOrigin(req.URL) {
			return fmt.Errorf("%w: redirect to %s", ErrForeignHost, req.URL.Host)
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return fmt.Errorf("rememberizer: stopped after 10 redirects")
		}
		return nil
	}
	c.hc = &own
	return c, nil
}

// isLoopback reports whether host is localhost or a loopback IP.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// sameOrigin reports whether u is on the base URL's origin.
func (c *Client) sameOrigin(u *url.URL) bool {
	return u.Scheme+"://"+u.Host == c.origin && u.User == nil
}

// endpoint returns the absolute URL of an API path such as "documents/"
// with query q. Each segment in segs replaces one "%s" in path,
// path-escaped.
func (c *Client) endpoint(path string, q url.Values, segs ...string) string {
	if len(segs) > 0 {
		args := make([]any, len(segs))
		for i, s := range segs {
			args[i] = url.PathEscape(s)
		}
		path = fmt.Sprintf(path, args...)
	}
	u := c.api + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}

// get sends a GET to rawURL, retrying on 429 and 503, and decodes the JSON
// answer into out.
func (c *Client) get(ctx context.Context, rawURL string, out any) error {
	return c.call(ctx, http.MethodGet, rawURL, nil, out)
}

// post sends in as JSON to rawURL once and decodes the answer into out
// (nil to discard it).
func (c *Client) post(ctx context.Context, rawURL string, in, out any) error {
	return c.sendJSON(ctx, http.MethodPost, rawURL, in, out)
}

// sendJSON sends in as JSON with method (never retried unless it is GET)
// and decodes the answer into out (nil to discard it).
func (c *Client) sendJSON(ctx context.Context, method, rawURL string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return fmt.Errorf("rememberizer: encoding the request: %w", err)
	}
	return c.call(ctx, method, rawURL, func() requestBody {
		return requestBody{r: bytes.NewReader(body), contentType: "application/json", length: int64(len(body))}
	}, out)
}

// requestBody is what one attempt sends: r (nil for none), its
// Content-Type and its length (-1 when unknown, sent chunked).
type requestBody struct {
	r           io.Reader
	contentType string
	length      int64
}

// call sends one API request (with retries when the method is GET), checks
// the answer and decodes it into out. body, when not nil, gives each
// attempt its body.
func (c *Client) call(ctx context.Context, method, rawURL string, body func() requestBody, out any) error {
	u, err := url.Parse(rawURL)
	if err != nil {
		return fmt.Errorf("%w: bad URL", ErrBadResponse)
	}
	if !c.sameOrigin(u) {
		return fmt.Errorf("%w: %s", ErrForeignHost, u.Host)
	}
	data, err := c.send(ctx, method, u, body)
	if err != nil {
		return err
	}
	if out == nil || len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	if tooManyValues(data, c.cfg.MaxResponseValues) {
		return fmt.Errorf("%w: %s %s: over %d JSON values", ErrResponseTooLarge, method, u.Path, c.cfg.MaxResponseValues)
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("%w: %s %s: %v", ErrBadResponse, method, u.Path, err)
	}
	return nil
}

// send performs the request, retrying idempotent ones on 429 and 503, and
// returns the body of a successful answer.
func (c *Client) send(ctx context.Context, method string, u *url.URL, body func() requestBody) ([]byte, error) {
	retries := c.cfg.MaxRetries
	if method != http.MethodGet && method != http.MethodHead {
		retries = 0
	}
	for attempt := 0; ; attempt++ {
		data, apiErr, err := c.once(ctx, method, u, body)
		if err != nil {
			return nil, err
		}
		if apiErr == nil {
			return data, nil
		}
		if attempt >= retries || (apiErr.StatusCode != http.StatusTooManyRequests && apiErr.StatusCode != http.StatusServiceUnavailable) {
			return nil, apiErr
		}
		if err := c.cfg.Sleep(ctx, c.retryWait(apiErr.RetryAfter, attempt)); err != nil {
			return nil, fmt.Errorf("rememberizer: %s %s: giving up on retries: %w", method, u.Path, err)
		}
	}
}

// once sends one request. It returns the body of a 2xx answer, or an
// *Error for an error answer, or err for a failure to talk to the API.
func (c *Client) once(ctx context.Context, method string, u *url.URL, body func() requestBody) ([]byte, *Error, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	var rb requestBody
	if body != nil {
		rb = body()
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), rb.r)
	if err != nil {
		return nil, nil, fmt.Errorf("rememberizer: building the request: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	if rb.r != nil {
		req.Header.Set("Content-Type", rb.contentType)
		req.ContentLength = rb.length
		if rb.length == 0 {
			req.Body = http.NoBody
		}
	}
	if c.cfg.APIKey != "" {
		req.Header.Set("x-api-key", c.cfg.APIKey)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, nil, fmt.Errorf("rememberizer: %s %s: %w", method, u.Path, unwrapURLError(err))
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, c.cfg.MaxResponseBytes+1))
	if err != nil {
		return nil, nil, fmt.Errorf("rememberizer: %s %s: reading the answer: %w", method, u.Path, err)
	}
	if int64(len(data)) > c.cfg.MaxResponseBytes {
		return nil, nil, fmt.Errorf("%w: %s %s: over %d bytes", ErrResponseTooLarge, method, u.Path, c.cfg.MaxResponseBytes)
	}
	if apiErr := checkAnswer(resp, data); apiErr != nil {
		apiErr.Method, apiErr.Path = method, u.Path
		return nil, apiErr, nil
	}
	return data, nil, nil
}

// unwrapURLError drops the *url.Error layer, whose text repeats the whole
// URL (query included), keeping what it wraps.
func unwrapURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}
