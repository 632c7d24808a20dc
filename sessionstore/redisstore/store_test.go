package redisstore_test

import (
	"context"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/storetest"
	"github.com/rzauth/rememberizer-go/internal/redistest"
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

func TestNewNeedsClient(t *testing.T) {
	if _, err := redisstore.New(redisstore.Config{}); err == nil {
		t.Fatal("New without a client: got nil error")
	}
}
