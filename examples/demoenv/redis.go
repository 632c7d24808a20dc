package demoenv

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"syscall"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/rzauth/rememberizer-go/sessionstore/redisstore"
)

// Bounds on waiting for Redis: a request whose store is down fails with
// 503 at once (a refused connection) or within about redisTimeout (an
// unanswered one), instead of retrying for seconds.
const (
	redisTimeout       = time.Second
	redisMaxRetries    = 1 // commands: one retry
	redisDialerRetries = 1 // connections: one attempt each time
)

// useRedis keeps sessions in Redis at rawURL, when it is set, after
// checking that Redis answers.
func (e *Env) useRedis(rawURL string) error {
	if rawURL == "" {
		return nil
	}
	opts, err := redis.ParseURL(rawURL)
	if err != nil {
		// The URL may hold a password: do not echo it.
		return fmt.Errorf("REDIS_URL is not a redis:// URL")
	}
	opts.MaxRetries = redisMaxRetries
	opts.DialerRetries = redisDialerRetries
	opts.DialerRetryTimeout = 10 * time.Millisecond
	opts.DialTimeout = redisTimeout
	opts.ReadTimeout = redisTimeout
	opts.WriteTimeout = redisTimeout
	opts.PoolTimeout = redisTimeout
	// go-redis logs every failed dial itself; keep those lines at Debug.
	redis.SetLogger(redisLogger{e.Logger})
	rdb := redis.NewClient(opts)
	addr := opts.Addr
	ctx, cancel := context.WithTimeout(context.Background(), 2*redisTimeout)
	defer cancel()
	if err := rdb.Ping(ctx).Err(); err != nil {
		rdb.Close()
		return fmt.Errorf("REDIS_URL: Redis at %s does not answer (%s); start it, or unset REDIS_URL to keep sessions in sealed cookies", addr, redisCause(err))
	}
	store, err := redisstore.New(redisstore.Config{Client: rdb})
	if err != nil {
		rdb.Close()
		return err
	}
	e.RedisStore = store
	e.closeRedis = func() { rdb.Close() }
	e.health = func(ctx context.Context) error {
		ctx, cancel := context.WithTimeout(ctx, redisTimeout)
		defer cancel()
		if err := rdb.Ping(ctx).Err(); err != nil {
			return fmt.Errorf("session store (Redis at %s) unreachable: %s", addr, redisCause(err))
		}
		return nil
	}
	return nil
}

// redisCause names why Redis did not answer, without the error's text.
func redisCause(err error) string {
	var ne net.Error
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case errors.As(err, new(*net.DNSError)):
		return "DNS lookup failed"
	}
	var re redis.Error
	if errors.As(err, &re) {
		return "Redis refused: check the URL's password and database"
	}
	return "network error"
}

// redisLogger sends go-redis's own log lines to the app's logger at Debug.
type redisLogger struct{ log *slog.Logger }

func (l redisLogger) Printf(ctx context.Context, format string, v ...any) {
	l.log.DebugContext(ctx, "redis: "+fmt.Sprintf(format, v...))
}
