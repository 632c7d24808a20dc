package demo

import (
	"io"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/sessionstore/redisstore"
)

func TestRedisURL(t *testing.T) {
	for k, v := range map[string]string{"REMEMBERIZER_CLIENT_ID": "", "SESSION_KEYS": "", "PUBLIC_URL": "", "ADDR": ""} {
		t.Setenv(k, v)
	}
	t.Setenv("REDIS_URL", "redis://:hunter2@127.0.0.1:6379/0")
	env, err := Load(io.Discard, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer env.Close()
	if _, ok := env.Config.Store.(*redisstore.Store); !ok {
		t.Fatalf("store: got %T, want *redisstore.Store", env.Config.Store)
	}

	t.Setenv("REDIS_URL", "mysql://:hunter2@db/x")
	if _, err := Load(io.Discard, io.Discard); err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("bad REDIS_URL: got %v, want an error without the password", err)
	}
}
