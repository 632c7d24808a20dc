package core

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	mrand "math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core/adapter"
)

// pendingState returns a distinct 43-character state, like Login makes.
func pendingState(i int) string {
	s := fmt.Sprintf("state%02d", i)
	return s + strings.Repeat("x", 43-len(s))
}

func pendingStates(list []pendingLogin) []string {
	out := make([]string, len(list))
	for i, p := range list {
		out[i] = p.State
	}
	return out
}

func TestAddPending(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_700_000_000, 0)
	ttl := 10 * time.Minute
	entry := func(i int, age time.Duration) pendingLogin {
		return pendingLogin{State: pendingState(i), Verifier: strings.Repeat("v", 43), ReturnTo: "/", CreatedAt: now.Add(-age)}
	}
	tests := []struct {
		name string
		list []pendingLogin
		want []string
	}{
		{"into nothing", nil, []string{pendingState(99)}},
		{"keeps live entries in order", []pendingLogin{entry(1, 5*time.Minute), entry(2, time.Minute)}, []string{pendingState(1), pendingState(2), pendingState(99)}},
		{"drops expired", []pendingLogin{entry(1, ttl), entry(2, ttl+time.Second), entry(3, ttl-time.Second)}, []string{pendingState(3), pendingState(99)}},
		{"drops entries well in the future", []pendingLogin{entry(1, -2*time.Minute), entry(2, 0)}, []string{pendingState(2), pendingState(99)}},
		{"evicts oldest beyond five", []pendingLogin{
			entry(1, 6*time.Minute), entry(2, 5*time.Minute), entry(3, 4*time.Minute),
			entry(4, 3*time.Minute), entry(5, 2*time.Minute),
		}, []string{pendingState(2), pendingState(3), pendingState(4), pendingState(5), pendingState(99)}},
		{"evicts two from seven", []pendingLogin{
			entry(1, 7*time.Minute), entry(2, 6*time.Minute), entry(3, 5*time.Minute),
			entry(4, 4*time.Minute), entry(5, 3*time.Minute), entry(6, 2*time.Minute),
		}, []string{pendingState(3), pendingState(4), pendingState(5), pendingState(6), pendingState(99)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := entry(99, 0)
			got := addPending(tt.list, p, now, ttl)
			if gs := pendingStates(got); strings.Join(gs, ",") != strings.Join(tt.want, ",") {
				t.Errorf("states: got %q, want %q", gs, tt.want)
			}
			if len(got) == 0 || got[len(got)-1] != p {
				t.Errorf("last entry: got %+v, want the new one %+v", got, p)
			}
		})
	}
}

func TestAddPendingSequenceKeepsNewestFive(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_700_000_000, 0)
	var list []pendingLogin
	for i := 0; i < 8; i++ {
		p := pendingLogin{State: pendingState(i), ReturnTo: "/", CreatedAt: now.Add(time.Duration(i) * time.Second)}
		list = addPending(list, p, now.Add(time.Duration(i)*time.Second), defaultLoginTTL)
		if want := min(i+1, maxPendingLogins); len(list) != want {
			t.Fatalf("after %d logins: got %d entries, want %d", i+1, len(list), want)
		}
	}
	want := []string{pendingState(3), pendingState(4), pendingState(5), pendingState(6), pendingState(7)}
	if got := pendingStates(list); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAddPendingStaysWithinBudget(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_700_000_000, 0)
	longReturnTo := "/" + strings.Repeat("r", maxReturnToLen-1)
	ring := mustKeyRing(t, ringKey(3))
	slot := adapter.Slot{Name: "__Host-rememberizer_login", MaxAge: defaultLoginTTL, Secure: true}

	var list []pendingLogin
	for i := 0; i < 2*maxPendingLogins; i++ {
		rnd := make([]byte, 64)
		if _, err := rand.Read(rnd); err != nil {
			t.Fatal(err)
		}
		p := pendingLogin{
			State:     base64.RawURLEncoding.EncodeToString(rnd[:32]),
			Verifier:  base64.RawURLEncoding.EncodeToString(rnd[32:]),
			ReturnTo:  longReturnTo,
			CreatedAt: now.Add(time.Duration(i) * time.Second),
		}
		list = addPending(list, p, now.Add(time.Duration(i)*time.Second), defaultLoginTTL)
		if last := list[len(list)-1]; last.State != p.State {
			t.Fatalf("login %d: got last state %q, want the new one %q", i, last.State, p.State)
		}
		enc := encodePending(nil, list)
		if len(enc) > pendingBudget {
			t.Fatalf("login %d: encoded list is %d bytes, want at most %d", i, len(enc), pendingBudget)
		}
		sealed, err := ring.seal(nil, enc, slot.Name)
		if err != nil {
			t.Fatalf("seal: got error %v, want nil", err)
		}
		c := slot.Cookie(base64.RawURLEncoding.EncodeToString(sealed))
		if n := len(c); n > adapter.MaxCookieSize {
			t.Fatalf("login %d: Set-Cookie is %d bytes, want at most %d", i, n, adapter.MaxCookieSize)
		}
		// The cookie store agrees.
		if err := (cookieStore{}).Save(newFakeRequest("GET", "/"), slot, sealed); err != nil {
			t.Fatalf("login %d: cookieStore.Save: got error %v, want nil", i, err)
		}
	}
}

func TestAddPendingBudgetMixesSizes(t *testing.T) {
	t.Parallel()
	// Short return-tos fill up to five; one long one pushes older ones out
	// but never the new entry.
	now := time.Unix(1_700_000_000, 0)
	var list []pendingLogin
	for i := 0; i < 4; i++ {
		list = addPending(list, pendingLogin{State: pendingState(i), Verifier: strings.Repeat("v", 43), ReturnTo: "/short", CreatedAt: now}, now, defaultLoginTTL)
	}
	long := pendingLogin{State: pendingState(9), Verifier: strings.Repeat("v", 43), ReturnTo: "/" + strings.Repeat("l", maxReturnToLen-1), CreatedAt: now}
	list = addPending(list, long, now, defaultLoginTTL)
	if n := len(encodePending(nil, list)); n > pendingBudget {
		t.Errorf("encoded list: got %d bytes, want at most %d", n, pendingBudget)
	}
	if list[len(list)-1].State != long.State {
		t.Errorf("last entry: got %q, want %q", list[len(list)-1].State, long.State)
	}
	if len(list) != 5 {
		t.Errorf("got %d entries, want 5 (four short ones and the long one fit)", len(list))
	}
}

func TestTakePending(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_700_000_000, 0)
	list := []pendingLogin{
		{State: pendingState(1), Verifier: "v1", ReturnTo: "/one", CreatedAt: now},
		{State: pendingState(2), Verifier: "v2", ReturnTo: "/two", CreatedAt: now},
		{State: pendingState(3), Verifier: "v3", ReturnTo: "/three", CreatedAt: now},
	}
	orig := append([]pendingLogin(nil), list...)

	hits := []struct {
		state    string
		verifier string
		rest     []string
	}{
		{pendingState(1), "v1", []string{pendingState(2), pendingState(3)}},
		{pendingState(2), "v2", []string{pendingState(1), pendingState(3)}},
		{pendingState(3), "v3", []string{pendingState(1), pendingState(2)}},
	}
	for _, tt := range hits {
		t.Run("hit "+tt.state[:7], func(t *testing.T) {
			t.Parallel()
			p, rest, ok := takePending(list, tt.state)
			if !ok {
				t.Fatalf("got ok false, want true")
			}
			if p.State != tt.state || p.Verifier != tt.verifier {
				t.Errorf("got entry %+v, want state %q verifier %q", p, tt.state, tt.verifier)
			}
			if got := pendingStates(rest); strings.Join(got, ",") != strings.Join(tt.rest, ",") {
				t.Errorf("rest: got %q, want %q", got, tt.rest)
			}
		})
	}

	s := pendingState(2)
	flipped := []byte(s)
	flipped[len(flipped)/2] ^= 0x01
	misses := []struct {
		name  string
		state string
	}{
		{"one character flipped", string(flipped)},
		{"first character flipped", "S" + s[1:]},
		{"last character flipped", s[:len(s)-1] + "y"},
		{"truncated", s[:len(s)-1]},
		{"truncated to half", s[:len(s)/2]},
		{"= appended", s + "="},
		{"%20 appended", s + "%20"},
		{"space appended", s + " "},
		{"empty", ""},
		{"unknown", pendingState(4)},
	}
	for _, tt := range misses {
		t.Run("miss "+tt.name, func(t *testing.T) {
			t.Parallel()
			p, rest, ok := takePending(list, tt.state)
			if ok {
				t.Errorf("takePending(%q): got ok with %+v, want a miss", tt.state, p)
			}
			if got := pendingStates(rest); len(got) != len(list) {
				t.Errorf("rest after a miss: got %q, want all %d entries", got, len(list))
			}
		})
	}

	t.Run("list is not modified", func(t *testing.T) {
		t.Parallel()
		_, _, _ = takePending(list, pendingState(2))
		for i := range orig {
			if list[i] != orig[i] {
				t.Errorf("entry %d: got %+v, want %+v", i, list[i], orig[i])
			}
		}
	})
}

func TestTakePendingEmptyList(t *testing.T) {
	t.Parallel()
	if p, _, ok := takePending(nil, pendingState(1)); ok {
		t.Errorf("takePending(nil): got ok with %+v, want a miss", p)
	}
}

func TestAddPendingLongReturnTo(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_700_000_000, 0)
	long := "/" + strings.Repeat("l", maxReturnToLen-1)
	mid := "/" + strings.Repeat("m", 600)
	entry := func(i int, returnTo string) pendingLogin {
		return pendingLogin{State: pendingState(i), Verifier: strings.Repeat("v", 43), ReturnTo: returnTo, CreatedAt: now}
	}
	tests := []struct {
		name       string
		list       []pendingLogin
		returnTo   string
		wantStored string
		wantStates []string
	}{
		{"short into nothing", nil, "/dashboard?tab=settings", "/dashboard?tab=settings", []string{pendingState(99)}},
		{"longest into nothing", nil, long, long, []string{pendingState(99)}},
		{"long after a long one", []pendingLogin{entry(1, long)}, long, "/", []string{pendingState(1), pendingState(99)}},
		{"medium after a long one", []pendingLogin{entry(1, long)}, mid, "/", []string{pendingState(1), pendingState(99)}},
		{"short after a long one", []pendingLogin{entry(1, long), entry(2, "/")}, "/a/b?c=d&e=f", "/a/b?c=d&e=f", []string{pendingState(1), pendingState(2), pendingState(99)}},
		{"medium after short ones", []pendingLogin{entry(1, "/"), entry(2, "/x")}, mid, mid, []string{pendingState(1), pendingState(2), pendingState(99)}},
		{"long after four short ones", []pendingLogin{entry(1, "/"), entry(2, "/"), entry(3, "/"), entry(4, "/")}, long, long, []string{pendingState(1), pendingState(2), pendingState(3), pendingState(4), pendingState(99)}},
		// A list sealed under a larger budget: too big even with "/".
		{"over-budget list", []pendingLogin{entry(1, long), entry(2, mid)}, "/", "/", []string{pendingState(2), pendingState(99)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := addPending(tt.list, entry(99, tt.returnTo), now, defaultLoginTTL)
			if gs := pendingStates(got); strings.Join(gs, ",") != strings.Join(tt.wantStates, ",") {
				t.Errorf("states: got %q, want %q", gs, tt.wantStates)
			}
			if last := got[len(got)-1]; last.ReturnTo != tt.wantStored {
				t.Errorf("stored return-to: got %d bytes %.20q, want %d bytes %.20q", len(last.ReturnTo), last.ReturnTo, len(tt.wantStored), tt.wantStored)
			}
			if n := len(encodePending(nil, got)); n > pendingBudget {
				t.Errorf("encoded list: got %d bytes, want at most %d", n, pendingBudget)
			}
		})
	}
}

// TestAddPendingAlwaysKeepsFive adds sign-ins with return-tos of every
// length at random times, as PKCE and plain sign-ins: no live entry is ever
// evicted while fewer than five are pending, and the list fits its budget.
func TestAddPendingAlwaysKeepsFive(t *testing.T) {
	t.Parallel()
	rng := mrand.New(mrand.NewPCG(1, 2))
	now := time.Unix(1_700_000_000, 0)
	ttl := defaultLoginTTL
	var list []pendingLogin
	for i := 0; i < 20000; i++ {
		now = now.Add(time.Duration(rng.IntN(int(ttl / 3))))
		live := 0
		for _, p := range list {
			if now.Sub(p.CreatedAt) < ttl {
				live++
			}
		}
		var secret [64]byte
		for j := range secret {
			secret[j] = byte(rng.Uint32())
		}
		p := pendingLogin{
			State:     base64.RawURLEncoding.EncodeToString(secret[:32]),
			ReturnTo:  "/" + strings.Repeat("r", rng.IntN(maxReturnToLen)),
			CreatedAt: now,
		}
		if rng.IntN(4) > 0 {
			p.Verifier = base64.RawURLEncoding.EncodeToString(secret[32:])
		}
		list = addPending(list, p, now, ttl)
		if want := min(live+1, maxPendingLogins); len(list) != want {
			t.Fatalf("login %d: got %d entries, want %d (%d were live)", i, len(list), want, live)
		}
		if last := list[len(list)-1]; last.State != p.State || (last.ReturnTo != p.ReturnTo && last.ReturnTo != "/") {
			t.Fatalf("login %d: the new entry was not kept as given or with \"/\"", i)
		}
		if n := len(encodePending(nil, list)); n > pendingBudget {
			t.Fatalf("login %d: encoded list is %d bytes, want at most %d", i, n, pendingBudget)
		}
		if n, c := len(encodePending(nil, list)), pendingCost(list); n > c {
			t.Fatalf("login %d: encoded %d bytes, more than its cost %d", i, n, c)
		}
	}
}
