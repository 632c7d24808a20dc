package storetest

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adapter"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// testGrantLister checks the optional adapter.GrantLister capability:
// 1,000 grants listed exactly once each, deleted and expired ones and
// other keys never, pages of the asked size at most, writes during a
// listing, and core's Client.GrantHolders on top of it.
func testGrantLister(t *testing.T, cfg Config) {
	if _, ok := cfg.New(t).(adapter.GrantLister); !ok {
		t.Skip("the store does not implement the optional adapter.GrantLister")
	}
	t.Run("EachOnce", func(t *testing.T) { testListEachOnce(t, cfg) })
	t.Run("Expired", func(t *testing.T) { testListExpired(t, cfg) })
	t.Run("WritesDuringListing", func(t *testing.T) { testListDuringWrites(t, cfg) })
	t.Run("GrantHolders", func(t *testing.T) { testGrantHolders(t, cfg) })
}

// listAll lists every grant of l with pages of limit, and returns how
// many times each key was listed, with its last value.
func listAll(t *testing.T, l adapter.GrantLister, limit int, between func()) (map[string]int, map[string]string) {
	t.Helper()
	counts, values := map[string]int{}, map[string]string{}
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 100000 {
			t.Fatal("the listing does not end")
		}
		page, next, err := l.ListGrants(bg, cursor, limit)
		if err != nil {
			t.Fatalf("ListGrants: %v", err)
		}
		if len(page) > limit {
			t.Fatalf("a page of %d records, for a limit of %d", len(page), limit)
		}
		for _, r := range page {
			counts[r.Key]++
			values[r.Key] = string(r.Value)
		}
		if next == "" {
			return counts, values
		}
		cursor = next
		if between != nil {
			between()
		}
	}
}

func grantName(i int) string { return fmt.Sprintf("%sk%04d", adapter.GrantKeyPrefix, i) }

func testListEachOnce(t *testing.T, cfg Config) {
	s := cfg.New(t)
	l := s.(adapter.GrantLister)
	if counts, _ := listAll(t, l, 10, nil); len(counts) != 0 {
		t.Fatalf("an empty store lists %d grants", len(counts))
	}
	const n = 1000
	for i := range n {
		commit(t, s, grantName(i), fmt.Sprintf("value %d", i), time.Hour)
	}
	// Other keys core writes beside grants are never listed.
	commit(t, s, "session:k0001", "a session", time.Hour)
	commit(t, s, "revoked:grant:k0001", "a mark", time.Hour)
	commit(t, s, "grant", "no prefix", time.Hour)
	for i := 0; i < n; i += 10 {
		if err := s.Delete(bg, grantName(i)); err != nil {
			t.Fatal(err)
		}
	}
	for _, limit := range []int{1, 37, 100, 5000} {
		if limit == 1 && testing.Short() {
			continue
		}
		counts, values := listAll(t, l, limit, nil)
		for i := range n {
			k, want := grantName(i), 1
			if i%10 == 0 {
				want = 0
			}
			if counts[k] != want {
				t.Fatalf("limit %d: %s listed %d times, want %d", limit, k, counts[k], want)
			}
			if want == 1 && values[k] != fmt.Sprintf("value %d", i) {
				t.Fatalf("limit %d: %s listed with %q", limit, k, values[k])
			}
		}
		if len(counts) != n-n/10 {
			t.Fatalf("limit %d: %d keys listed, want %d: %v", limit, len(counts), n-n/10, slices.Sorted(maps.Keys(counts))[:5])
		}
	}
}

func testListExpired(t *testing.T, cfg Config) {
	s := cfg.New(t)
	l := s.(adapter.GrantLister)
	commit(t, s, grantName(1), "short", time.Second)
	commit(t, s, grantName(2), "long", time.Hour)
	if cfg.Advance != nil {
		cfg.Advance(1001 * time.Millisecond)
	} else {
		time.Sleep(1100 * time.Millisecond)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		counts, _ := listAll(t, l, 10, nil)
		if counts[grantName(1)] == 0 {
			if counts[grantName(2)] != 1 {
				t.Fatalf("the live grant listed %d times, want 1", counts[grantName(2)])
			}
			return
		}
		if cfg.Advance != nil || time.Now().After(deadline) {
			t.Fatal("an expired grant is listed")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// testListDuringWrites commits, replaces and deletes grants between the
// pages of a listing: every grant that exists throughout is listed once,
// no grant twice, and no grant deleted before the listing began.
func testListDuringWrites(t *testing.T, cfg Config) {
	s := cfg.New(t)
	l := s.(adapter.GrantLister)
	const n = 300
	for i := range n {
		commit(t, s, grantName(i), "v1", time.Hour)
	}
	for i := n; i < n+20; i++ {
		commit(t, s, grantName(i), "deleted before", time.Hour)
		if err := s.Delete(bg, grantName(i)); err != nil {
			t.Fatal(err)
		}
	}
	step := 0
	touched := map[string]bool{}
	counts, _ := listAll(t, l, 25, func() {
		step++
		// Replace one value (a refresh), delete one grant, add one.
		commit(t, s, grantName((step*37)%n), "v2", time.Hour)
		del := grantName((step*53 + 11) % n)
		touched[del] = true
		if err := s.Delete(bg, del); err != nil {
			t.Fatal(err)
		}
		add := grantName(n + 20 + step)
		touched[add] = true
		commit(t, s, add, "added", time.Hour)
	})
	if step == 0 {
		t.Fatal("the listing of 300 grants took one page of 25")
	}
	for k, c := range counts {
		if c > 1 {
			t.Fatalf("%s listed %d times", k, c)
		}
	}
	for i := range n + 20 {
		k := grantName(i)
		switch {
		case i >= n && counts[k] != 0:
			t.Fatalf("%s, deleted before the listing, was listed", k)
		case i < n && !touched[k] && counts[k] != 1:
			t.Fatalf("%s, there throughout the listing, was listed %d times", k, counts[k])
		}
	}
}

// testGrantHolders runs core on the store: Client.GrantHolders yields
// each signed-in user once, not a deleted grant, and skips records that
// are not grants of this app.
func testGrantHolders(t *testing.T, cfg Config) {
	s := cfg.New(t)
	fake := rememberizertest.NewServer(rememberizertest.Config{Users: []rememberizertest.User{
		{ID: "42", Email: "ada@example.com", Name: "Ada"},
		{ID: "7", Email: "grace@example.com", Name: "Grace"},
		{ID: "9", Email: "alan@example.com", Name: "Alan"},
	}})
	t.Cleanup(fake.Close)
	a := newApp(t, fake, newKey(t), func(c *core.Config) { c.GrantStore = s })
	ctx := context.Background()
	holders := func() []string {
		t.Helper()
		var ids []string
		for id, err := range a.client.GrantHolders(ctx) {
			if err != nil {
				t.Fatalf("GrantHolders: %v", err)
			}
			ids = append(ids, id)
		}
		slices.Sort(ids)
		return ids
	}
	if got := holders(); len(got) != 0 {
		t.Fatalf("before any sign-in: got %v", got)
	}
	for _, id := range []string{"42", "7", "9"} {
		if err := fake.SetUser(id); err != nil {
			t.Fatal(err)
		}
		a.signIn(t, a.browser(t))
	}
	// A record under a grant key that does not open is no grant.
	commit(t, s, adapter.GrantKeyPrefix+"forged", "not sealed by core", time.Hour)
	if got := holders(); !slices.Equal(got, []string{"42", "7", "9"}) {
		t.Fatalf("after three sign-ins: got %v, want [42 7 9]", got)
	}
	if err := a.client.DeleteGrant(ctx, "7"); err != nil {
		t.Fatal(err)
	}
	if got := holders(); !slices.Equal(got, []string{"42", "9"}) {
		t.Fatalf("after DeleteGrant(7): got %v, want [42 9]", got)
	}
	// Stopping early stops the listing.
	for range a.client.GrantHolders(ctx) {
		break
	}
	// The holders are real: each has a grant for background work.
	for _, id := range holders() {
		c, err := a.client.HTTPClientFor(ctx, id)
		if err != nil {
			t.Fatalf("HTTPClientFor(%s): %v", id, err)
		}
		resp, err := c.Get(fake.MementosURL())
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("a holder's background call: got %d", resp.StatusCode)
		}
	}
}
