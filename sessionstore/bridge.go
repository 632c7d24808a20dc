package sessionstore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/gorilla/securecookie"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adapter"
)

// This file is the bridge between core's neutral view of a request and the
// *http.Request and http.ResponseWriter a gorilla store works on, and the
// sorting of gorilla's errors into "nothing stored" and real failures.

// newRequest returns a minimal GET request carrying ctx and, when value is
// not empty, one cookie: all a gorilla store reads. Under fibermw there is
// no *http.Request to hand over, and converting one would cost more.
func newRequest(ctx context.Context, name, value string) *http.Request {
	if ctx == nil {
		ctx = context.Background()
	}
	r := &http.Request{
		Method:     http.MethodGet,
		URL:        &url.URL{Path: "/"},
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     make(http.Header, 1),
	}
	if value != "" {
		r.Header["Cookie"] = []string{name + "=" + value}
	}
	return r.WithContext(ctx)
}

// capture is the http.ResponseWriter a gorilla store writes into: it keeps
// the headers and drops the rest.
type capture struct {
	header http.Header
}

func (c *capture) Header() http.Header         { return c.header }
func (c *capture) Write(b []byte) (int, error) { return len(b), nil }
func (c *capture) WriteHeader(int)             {}

// cookie returns the value of the last cookie called name that was set,
// if it is one a browser keeps unchanged.
func (c *capture) cookie(name string) (string, bool) {
	lines := c.header["Set-Cookie"]
	for i := len(lines) - 1; i >= 0; i-- {
		ck, err := http.ParseSetCookie(lines[i])
		if err != nil || ck.Name != name {
			continue
		}
		return ck.Value, validCookieValue(ck.Value)
	}
	return "", false
}

// validCookieValue reports whether v is a non-empty cookie value of at most
// adapter.MaxCookieSize bytes made of RFC 6265 cookie-octets only: the shape
// of every value gorilla's stores make (securecookie writes base64url).
func validCookieValue(v string) bool {
	if v == "" || len(v) > adapter.MaxCookieSize {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c < 0x21 || c > 0x7e || c == '"' || c == ',' || c == ';' || c == '\\' {
			return false
		}
	}
	return true
}

// tooLongMessage is how securecookie reports a value over its MaxLength,
// encoding or decoding. It does so in a plain error made with %s, not in
// a securecookie.Error, so the text is all there is to go by.
const tooLongMessage = "securecookie: the value is too long"

// tooLong reports whether err is securecookie refusing a long value.
func tooLong(err error) bool {
	return strings.Contains(err.Error(), tooLongMessage)
}

// nothingStored reports whether err from a gorilla store's New means the
// browser's cookie names nothing usable: securecookie could not decode or
// verify it (tampered, foreign or retired keys, expired timestamp, too
// long), or the record it names is gone (FilesystemStore's file).
func nothingStored(err error) bool {
	if errors.Is(err, fs.ErrNotExist) {
		return true
	}
	var multi securecookie.MultiError
	if errors.As(err, &multi) {
		// Every codec refused: nothing stored only if each refusal was
		// about the input, not the store's configuration.
		for _, e := range multi {
			if e != nil && !nothingStored(e) {
				return false
			}
		}
		return len(multi) > 0
	}
	var sc securecookie.Error
	if errors.As(err, &sc) {
		return sc.IsDecode()
	}
	return tooLong(err)
}

// storeError wraps a gorilla store's failure for core, which then fails
// closed. Network errors wrap [core.ErrStoreUnavailable] (503). A file
// path is dropped from the text: it holds a session id (SECURITY.md S11).
func storeError(op string, err error) error {
	if err == nil {
		return fmt.Errorf("sessionstore: gorilla %s: the store returned no session", op)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%w: gorilla %s: %w", core.ErrStoreUnavailable, op, err)
	}
	return fmt.Errorf("sessionstore: gorilla %s: %w", op, err)
}
