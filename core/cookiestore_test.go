package core

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core/adapter"
)

var cookieSlot = adapter.Slot{Name: "__Host-rememberizer_session", MaxAge: 2 * time.Hour, Secure: true}

func TestCookieStoreSaveLoadDelete(t *testing.T) {
	t.Parallel()
	var s cookieStore
	value := []byte{0, 1, 2, 0xfb, 0xff, 'a', '?', '/'}
	req := newFakeRequest("GET", "/")
	if err := s.Save(req, cookieSlot, value); err != nil {
		t.Fatalf("Save: got error %v, want nil", err)
	}
	cookies := req.sentCookies()
	if len(cookies) != 1 {
		t.Fatalf("Save: got %d cookies, want 1", len(cookies))
	}
	c := cookies[0]
	if c.Name != cookieSlot.Name || c.MaxAge != 7200 || !c.Secure {
		t.Errorf("cookie: got %+v, want name %q, MaxAge 7200, Secure", c, cookieSlot.Name)
	}
	if want := base64.RawURLEncoding.EncodeToString(value); c.Value != want {
		t.Errorf("cookie value: got %q, want base64url %q", c.Value, want)
	}

	next := req.followUp("GET", "/")
	got, err := s.Load(next, cookieSlot)
	if err != nil || !bytes.Equal(got, value) {
		t.Errorf("Load: got %x, %v, want %x, nil", got, err, value)
	}

	if err := s.Erase(next, cookieSlot); err != nil {
		t.Fatalf("Delete: got error %v, want nil", err)
	}
	dc, ok := next.sentCookie(cookieSlot.Name)
	if !ok || dc.MaxAge > 0 || dc.Value != "" || dc.Secure != cookieSlot.Secure {
		t.Errorf("Delete: got cookie %+v (set %v), want an empty expiring cookie with Secure %v", dc, ok, cookieSlot.Secure)
	}
	after := next.followUp("GET", "/")
	if got, err := s.Load(after, cookieSlot); got != nil || err != nil {
		t.Errorf("Load after Delete: got %q, %v, want nil, nil", got, err)
	}
}

func TestCookieStoreLoadMissingOrMalformed(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		cookie string
	}{
		{"no cookie", ""},
		{"not base64", "!!!"},
		{"space inside", "YWJj ZGVm"},
		{"std padding", "YWI="},
		{"std alphabet", "a+b/"},
		{"dangling bit", "A"},
		{"quote", `"abc"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := newFakeRequest("GET", "/")
			if tt.cookie != "" {
				req.addCookie(cookieSlot.Name, tt.cookie)
			}
			v, err := cookieStore{}.Load(req, cookieSlot)
			if v != nil || err != nil {
				t.Errorf("Load(%q): got %q, %v, want nil, nil", tt.cookie, v, err)
			}
			if n := len(req.sentCookies()); n != 0 {
				t.Errorf("Load(%q): set %d cookies, want 0", tt.cookie, n)
			}
		})
	}
}

func TestCookieStoreLoadReadsOnlyItsSlot(t *testing.T) {
	t.Parallel()
	req := newFakeRequest("GET", "/").addCookie("other", base64.RawURLEncoding.EncodeToString([]byte("x")))
	if v, err := (cookieStore{}).Load(req, cookieSlot); v != nil || err != nil {
		t.Errorf("Load with only another cookie: got %q, %v, want nil, nil", v, err)
	}
}

// largestFittingValue returns the length of the largest value whose
// Set-Cookie for slot is at most adapter.MaxCookieSize bytes.
func largestFittingValue(slot adapter.Slot) int {
	n := 0
	for len(slot.Cookie(base64.RawURLEncoding.EncodeToString(make([]byte, n+1)))) <= adapter.MaxCookieSize {
		n++
	}
	return n
}

func TestCookieStoreSizeLimit(t *testing.T) {
	t.Parallel()
	limit := largestFittingValue(cookieSlot)
	if limit < 2800 || limit > 3100 {
		t.Fatalf("largest value for one cookie: got %d bytes, want about 3000", limit)
	}
	tests := []struct {
		name    string
		size    int
		wantErr bool
	}{
		{"small", 100, false},
		{"at the limit", limit, false},
		{"one byte over", limit + 1, true},
		{"far over", 10_000, true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s (%d bytes)", tt.name, tt.size), func(t *testing.T) {
			t.Parallel()
			req := newFakeRequest("GET", "/")
			err := cookieStore{}.Save(req, cookieSlot, bytes.Repeat([]byte{0xa5}, tt.size))
			if !tt.wantErr {
				if err != nil {
					t.Fatalf("Save: got error %v, want nil", err)
				}
				hs := req.setCookieHeaders()
				if len(hs) != 1 || len(hs[0]) > adapter.MaxCookieSize {
					t.Errorf("Save: got Set-Cookie lengths %v, want one of at most %d", headerLens(hs), adapter.MaxCookieSize)
				}
				return
			}
			if !errors.Is(err, adapter.ErrCookieTooLarge) {
				t.Errorf("Save: got error %v, want one wrapping adapter.ErrCookieTooLarge", err)
			}
			if n := len(req.sentCookies()); n != 0 {
				t.Errorf("Save of an oversized value: set %d cookies, want 0", n)
			}
			if err != nil && strings.Contains(err.Error(), base64.RawURLEncoding.EncodeToString([]byte{0xa5, 0xa5, 0xa5})) {
				t.Errorf("error %q shows the value, want it not to", err)
			}
		})
	}
}

func headerLens(ss []string) []int {
	out := make([]int, len(ss))
	for i, s := range ss {
		out[i] = len(s)
	}
	return out
}

func TestCookieStoreConcurrent(t *testing.T) {
	t.Parallel()
	var s cookieStore
	var wg sync.WaitGroup
	for w := 0; w < 16; w++ {
		wg.Go(func() {
			for i := 0; i < 50; i++ {
				want := []byte(fmt.Sprintf("%d/%d", w, i))
				req := newFakeRequest("GET", "/")
				if err := s.Save(req, cookieSlot, want); err != nil {
					t.Errorf("Save: got error %v, want nil", err)
					return
				}
				got, err := s.Load(req.followUp("GET", "/"), cookieSlot)
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("Load: got %q, %v, want %q, nil", got, err, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

// Each store satisfies its interface.
var (
	_ adapter.BrowserStore = cookieStore{}
	_ Store                = (*MemoryStore)(nil)
)

// Only the canonical spelling of a cookie decodes: a value whose last
// character differs in its unused bits opens as nothing, not as the same
// record (found by FuzzCallback).
func TestCookieStoreRefusesNonCanonicalBase64(t *testing.T) {
	t.Parallel()
	slot := adapter.Slot{Name: "rememberizer_login", MaxAge: time.Minute}
	for n := 1; n <= 5; n++ {
		value := make([]byte, n)
		for i := range value {
			value[i] = byte(0xa5 + i)
		}
		enc := base64.RawURLEncoding.EncodeToString(value)
		if n%3 == 0 {
			continue // no unused bits to vary
		}
		const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
		last := strings.IndexByte(alphabet, enc[len(enc)-1])
		other := enc[:len(enc)-1] + string(alphabet[last^1]) // flips the lowest, unused bit
		if b, _ := base64.RawURLEncoding.DecodeString(other); string(b) != string(value) {
			t.Fatalf("%d bytes: the variant %q is not a non-canonical spelling of %q", n, other, enc)
		}
		req := newFakeRequest("GET", "/").addCookie(slot.Name, other)
		if got, err := (cookieStore{}).Load(req, slot); got != nil || err != nil {
			t.Fatalf("%d bytes: non-canonical %q loaded %x, %v; want nothing", n, other, got, err)
		}
		req = newFakeRequest("GET", "/").addCookie(slot.Name, enc)
		if got, _ := (cookieStore{}).Load(req, slot); string(got) != string(value) {
			t.Fatalf("%d bytes: canonical %q loaded %x, want %x", n, enc, got, value)
		}
	}
}
