package adapter

import "context"

// MultiFinder is an optional capability of a core.Store: FindMany returns
// the values of several keys in one round trip to the backend, in the
// order of keys, with a nil element for a key that has no value. Core
// reads a session together with the mark that may have ended it (see
// core.Client.EndSessions), so a protected request costs one round trip.
// The keys may be in different hash slots of a cluster.
type MultiFinder interface {
	FindMany(ctx context.Context, keys ...string) ([][]byte, error)
}
