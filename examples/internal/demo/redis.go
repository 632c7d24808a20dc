package demo

import (
	"fmt"

	"github.com/redis/go-redis/v9"

	"github.com/rzauth/rememberizer-go/sessionstore/redisstore"
)

// useRedis keeps sessions in Redis at rawURL, when it is set.
func (e *Env) useRedis(rawURL string) error {
	if rawURL == "" {
		return nil
	}
	opts, err := redis.ParseURL(rawURL)
	if err != nil {
		// The URL may hold a password: do not echo it.
		return fmt.Errorf("REDIS_URL is not a redis:// URL")
	}
	rdb := redis.NewClient(opts)
	store, err := redisstore.New(redisstore.Config{Client: rdb})
	if err != nil {
		rdb.Close()
		return err
	}
	e.Config.Store = store
	e.closeRedis = func() { rdb.Close() }
	return nil
}
