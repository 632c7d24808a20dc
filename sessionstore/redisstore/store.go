package redisstore

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/rzauth/rememberizer-go/core"
)

// DefaultPrefix is the default prefix of every key the store writes.
const DefaultPrefix = "rememberizer:"

// idLen is the length of an id in a cookie: 32 random bytes, base64url.
const idLen = 43

// Config configures a [Store].
type Config struct {
	// Client is the Redis client: *redis.Client, *redis.ClusterClient or
	// any redis.UniversalClient. Required. Its timeouts bound each call.
	Client redis.UniversalClient
	// Prefix begins every key. Optional. Default: "rememberizer:".
	Prefix string
}

// Store is a [core.Store], [core.Claimer] and [core.Locker] on Redis. It is
// safe for concurrent use and may be shared by any number of instances.
type Store struct {
	rdb    redis.UniversalClient
	prefix string
}

var (
	_ core.Store   = (*Store)(nil)
	_ core.Claimer = (*Store)(nil)
	_ core.Locker  = (*Store)(nil)
)

// New returns a Store, or an error if cfg has no client.
func New(cfg Config) (*Store, error) {
	if cfg.Client == nil {
		return nil, errors.New("redisstore: Config.Client is required")
	}
	if cfg.Prefix == "" {
		cfg.Prefix = DefaultPrefix
	}
	return &Store{rdb: cfg.Client, prefix: cfg.Prefix}, nil
}

// unavailable wraps a Redis error so core answers 503 and fails closed.
func unavailable(op string, err error) error {
	return fmt.Errorf("%w: redis %s: %w", core.ErrStoreUnavailable, op, err)
}

// validID reports whether id has the shape of an id this store made, so
// nothing else ever reaches Redis.
func validID(id string) bool {
	if len(id) != idLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// key is where a browser's value in a slot lives. It holds a hash of the
// id, so reading Redis does not yield usable cookies.
func (s *Store) key(slot core.Slot, id string) string {
	sum := sha256.Sum256([]byte(id))
	return s.prefix + slot.Name + ":" + hex.EncodeToString(sum[:])
}

func newID() (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("%w: %v", core.ErrRandom, err)
	}
	return base64.RawURLEncoding.EncodeToString(b[:]), nil
}

// Load returns the value named by the slot's cookie, or nil.
func (s *Store) Load(req core.Request, slot core.Slot) ([]byte, error) {
	id := req.Cookie(slot.Name)
	if !validID(id) {
		return nil, nil
	}
	v, err := s.rdb.Get(req.Context(), s.key(slot, id)).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, nil
	}
	if err != nil {
		return nil, unavailable("GET", err)
	}
	return v, nil
}

// Save stores value for slot.MaxAge under the browser's id if that id
// names a live entry and the slot is not Fresh; otherwise under a new id,
// deleting the old entry. The id cookie is sent on every save, so it lives
// as long as the entry.
func (s *Store) Save(req core.Request, slot core.Slot, value []byte) error {
	ctx := req.Context()
	ttl := max(slot.MaxAge, time.Second)
	old := req.Cookie(slot.Name)
	if !validID(old) {
		old = ""
	}
	id := ""
	if old != "" && !slot.Fresh {
		// Overwrite only an entry that exists: an id this store did not
		// hand out, or one that expired, is never adopted.
		ok, err := s.rdb.SetArgs(ctx, s.key(slot, old), value, redis.SetArgs{Mode: "XX", TTL: ttl}).Result()
		if err != nil && !errors.Is(err, redis.Nil) {
			return unavailable("SET XX", err)
		}
		if ok == "OK" {
			id = old
		}
	}
	if id == "" {
		nid, err := newID()
		if err != nil {
			return err
		}
		pipe := s.rdb.TxPipeline()
		if old != "" && slot.Fresh {
			pipe.Del(ctx, s.key(slot, old))
		}
		pipe.Set(ctx, s.key(slot, nid), value, ttl)
		if _, err := pipe.Exec(ctx); err != nil {
			return unavailable("SET", err)
		}
		id = nid
	}
	req.SetCookie(slot.Cookie(id))
	return nil
}

// Delete removes the browser's entry and expires its cookie.
func (s *Store) Delete(req core.Request, slot core.Slot) error {
	if id := req.Cookie(slot.Name); validID(id) {
		if err := s.rdb.Del(req.Context(), s.key(slot, id)).Err(); err != nil {
			return unavailable("DEL", err)
		}
	}
	req.SetCookie(slot.ExpiredCookie())
	return nil
}

// Claim records key for ttl with SET NX and reports whether this call was
// the first, across every instance using this Redis.
func (s *Store) Claim(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	ok, err := s.rdb.SetNX(ctx, s.prefix+"claim:"+key, 1, max(ttl, time.Second)).Result()
	if err != nil {
		return false, unavailable("SET NX", err)
	}
	return ok, nil
}
