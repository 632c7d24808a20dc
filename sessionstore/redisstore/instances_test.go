package redisstore_test

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/internal/parallel"
	"github.com/rzauth/rememberizer-go/internal/redistest"
)

// status is the status of a response from tryGet.
func status(resp *http.Response, err error) (int, error) {
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func TestTwoInstancesRefreshOnce(t *testing.T) {
	srv := redistest.Start(t)
	cl := newCluster(t, srv, clusterConfig{})
	session := cl.signIn(t, 0, 1)
	cl.clock.Advance(time.Hour + time.Minute) // the access token has expired

	statuses := parallel.Statuses(t, 50, func(i int) (int, error) {
		return status(tryGet(cl.apps[i%2].URL, "/private", []*http.Cookie{session}))
	})
	for i, s := range statuses {
		if s != http.StatusOK {
			t.Fatalf("request %d (instance %d): got %d, want 200", i, i%2, s)
		}
	}
	if got := cl.fake.RefreshCalls(); got != 1 {
		t.Fatalf("refresh calls across both instances: got %d, want exactly 1", got)
	}
	// The stored refresh token is the newest: the next refresh, on either
	// instance, succeeds with it.
	cl.clock.Advance(time.Hour + time.Minute)
	if s := get(t, cl.apps[1].URL, "/private", []*http.Cookie{session}).StatusCode; s != http.StatusOK {
		t.Fatalf("second refresh: got %d, want 200", s)
	}
	if got := cl.fake.Refreshes(); got != 2 {
		t.Fatalf("successful refreshes: got %d, want 2", got)
	}
}

func TestReplayedCallbackAcrossInstances(t *testing.T) {
	srv := redistest.Start(t)
	cl := newCluster(t, srv, clusterConfig{})
	login := get(t, cl.apps[0].URL, "/auth/rememberizer/login", nil)
	authz := get(t, "", login.Header.Get("Location"), nil)
	cb, _ := url.Parse(authz.Header.Get("Location"))
	parallel.Statuses(t, 10, func(i int) (int, error) {
		return status(tryGet(cl.apps[i%2].URL, cb.Path+"?"+cb.RawQuery, login.Cookies()))
	})
	if got := cl.fake.TokenCalls(); got != 1 {
		t.Fatalf("10 concurrent identical callbacks on two instances: got %d token calls, want 1", got)
	}
}

func TestRedisDownFailsClosedThenRecovers(t *testing.T) {
	srv := redistest.Start(t)
	cl := newCluster(t, srv, clusterConfig{})
	session := cl.signIn(t, 0, 0)
	if s := get(t, cl.apps[1].URL, "/private", []*http.Cookie{session}).StatusCode; s != http.StatusOK {
		t.Fatalf("before the outage: got %d, want 200", s)
	}
	srv.Stop()
	resp := get(t, cl.apps[0].URL, "/private", []*http.Cookie{session})
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("Redis down: got %d, want 503 (the protected handler must not run)", resp.StatusCode)
	}
	// Starting a sign-in keeps nothing server-side, so it works; the
	// callback, which needs the store, fails closed.
	if s := get(t, cl.apps[0].URL, "/auth/rememberizer/login", nil).StatusCode; s != http.StatusFound {
		t.Fatalf("starting a sign-in with Redis down: got %d, want 302", s)
	}
	// A direct call shows the clear error.
	store, _ := newStore(t, srv)
	_, _, err := store.Find(context.Background(), "session:x")
	if !errors.Is(err, core.ErrStoreUnavailable) || !strings.Contains(err.Error(), "redis") {
		t.Fatalf("Find with Redis down: got %v, want ErrStoreUnavailable naming redis", err)
	}

	srv.Restart() // an empty Redis: the old session is gone
	if s := get(t, cl.apps[0].URL, "/private", []*http.Cookie{session}).StatusCode; s != http.StatusFound {
		t.Fatalf("after restart, old session: got %d, want 302 to sign in", s)
	}
	again := cl.signIn(t, 1, 0)
	if s := get(t, cl.apps[1].URL, "/private", []*http.Cookie{again}).StatusCode; s != http.StatusOK {
		t.Fatalf("after restart, new sign-in: got %d, want 200", s)
	}
}

func TestDumpShowsNoSecret(t *testing.T) {
	srv := redistest.Start(t)
	cl := newCluster(t, srv, clusterConfig{})
	session := cl.signIn(t, 0, 0)
	rt := cl.fake.CurrentRefreshToken("42")
	_, rdb := newStore(t, srv)
	ctx := context.Background()
	keys, err := rdb.Keys(ctx, "*").Result()
	if err != nil || len(keys) == 0 {
		t.Fatalf("keys: %v %v", keys, err)
	}
	for _, k := range keys {
		if strings.Contains(k, session.Value) {
			t.Fatalf("key %q holds the session cookie", k)
		}
		v, err := rdb.Dump(ctx, k).Result()
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := rdb.Get(ctx, k).Bytes()
		for _, blob := range []string{v, string(raw), base64.StdEncoding.EncodeToString(raw)} {
			if strings.Contains(blob, rt) || strings.Contains(blob, "ada@example.com") {
				t.Fatalf("key %q shows a token or the user's email", k)
			}
		}
		if ttl := rdb.TTL(ctx, k).Val(); ttl <= 0 || ttl > 7*24*time.Hour {
			t.Fatalf("key %q: TTL %v, want the session lifetime", k, ttl)
		}
	}
}
