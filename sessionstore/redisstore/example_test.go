package redisstore_test

import (
	"log"
	"os"

	"github.com/redis/go-redis/v9"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/sessionstore/redisstore"
)

// A client whose sessions live in Redis. It needs a Redis server at
// 127.0.0.1:6379, so it is compiled but not run; the store's tests run
// the same on a redis-server of their own.
func ExampleNew() {
	sessionKey, err := core.NewSessionKey() // in production, one fixed key
	if err != nil {
		log.Fatal(err)
	}

	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:6379"})
	store, err := redisstore.New(redisstore.Config{Client: rdb})
	if err != nil {
		log.Fatal(err)
	}
	c, err := core.New(core.Config{
		ClientID:     os.Getenv("REMEMBERIZER_CLIENT_ID"),
		ClientSecret: os.Getenv("REMEMBERIZER_CLIENT_SECRET"),
		RedirectURL:  "https://app.example.com/auth/rememberizer/callback",
		SessionKeys:  [][]byte{sessionKey},
		Store:        store,
	})
	if err != nil {
		log.Fatal(err)
	}
	_ = c // mount c with an adapter: nethttp, ginmw or fibermw
}
