package redisstore_test

import (
	"context"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/storetest"
	"github.com/rzauth/rememberizer-go/internal/redistest"
	"github.com/rzauth/rememberizer-go/internal/storefault"
	"github.com/rzauth/rememberizer-go/sessionstore/redisstore"
)

func newStore(t *testing.T, srv *redistest.Server) (*redisstore.Store, *redis.Client) {
	t.Helper()
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr})
	t.Cleanup(func() { rdb.Close() })
	s, err := redisstore.New(redisstore.Config{Client: rdb})
	if err != nil {
		t.Fatal(err)
	}
	return s, rdb
}

func TestConformance(t *testing.T) {
	srv := redistest.Start(t)
	storetest.Run(t, storetest.Config{
		New: func(t *testing.T) core.Store {
			s, rdb := newStore(t, srv)
			if err := rdb.FlushDB(context.Background()).Err(); err != nil {
				t.Fatal(err)
			}
			return s
		},
		MaxValue: 64 << 10,
	})
}

// A client that shards keys (a Ring here, as a Cluster does by slot)
// cannot MGET keys of different shards: FindMany pipelines one-key reads
// instead. The whole suite runs on it, core on top included.
func TestConformanceSharded(t *testing.T) {
	srv := redistest.Start(t)
	storetest.Run(t, storetest.Config{
		New: func(t *testing.T) core.Store {
			ring := redis.NewRing(&redis.RingOptions{Addrs: map[string]string{"one": srv.Addr}})
			t.Cleanup(func() { ring.Close() })
			if err := ring.ForEachShard(context.Background(), func(ctx context.Context, c *redis.Client) error {
				return c.FlushDB(ctx).Err()
			}); err != nil {
				t.Fatal(err)
			}
			s, err := redisstore.New(redisstore.Config{Client: ring})
			if err != nil {
				t.Fatal(err)
			}
			return s
		},
		MaxValue: 64 << 10,
	})
}

func TestNewNeedsClient(t *testing.T) {
	if _, err := redisstore.New(redisstore.Config{}); err == nil {
		t.Fatal("New without a client: got nil error")
	}
}

// The whole suite, core on top included, on a real Redis Cluster of
// three masters with a redis.ClusterClient: every script and MGET must
// keep to one slot (grants' keys share their shard's hash tag).
func TestConformanceCluster(t *testing.T) {
	cl := redistest.StartCluster(t)
	storetest.Run(t, storetest.Config{
		New: func(t *testing.T) core.Store {
			rdb := redis.NewClusterClient(&redis.ClusterOptions{Addrs: cl.Addrs})
			t.Cleanup(func() { rdb.Close() })
			if err := rdb.ForEachMaster(context.Background(), func(ctx context.Context, c *redis.Client) error {
				return c.FlushDB(ctx).Err()
			}); err != nil {
				t.Fatal(err)
			}
			s, err := redisstore.New(redisstore.Config{Client: rdb})
			if err != nil {
				t.Fatal(err)
			}
			return s
		},
		MaxValue: 64 << 10,
	})
}

// Redis (with an append-only file, so its data outlives the process)
// restarted in the middle of a burst of 30 requests: 503s while it is
// down, then every request succeeds, no grant lost and no refresh token
// presented twice.
func TestRestartDuringBurst(t *testing.T) {
	srv := redistest.StartDurable(t)
	store, _ := newStore(t, srv)
	storefault.Burst(t, store, srv.Stop, srv.Restart)
}
