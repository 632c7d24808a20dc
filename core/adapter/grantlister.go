package adapter

import "context"

// GrantKeyPrefix begins the key of every grant core keeps in a
// core.Config.GrantStore, and no other key core writes. A [GrantLister]
// lists the values under keys that begin with it.
const GrantKeyPrefix = "grant:"

// GrantRecord is one grant a [GrantLister] lists: the key it is kept
// under and its value, sealed by core as it was committed.
type GrantRecord struct {
	Key   string
	Value []byte
}

// GrantLister is an optional capability of a core.Store used as a
// core.Config.GrantStore: it lists the grants the store holds, for
// core.Client.GrantHolders, which opens each record and yields its user
// id. A store offers it only when a listing is bounded in memory and
// round trips per page, whatever the number of grants.
//
// ListGrants returns at most limit records (limit > 0) whose key begins
// with [GrantKeyPrefix] and that have neither expired nor been deleted,
// starting after cursor ("" starts the listing), with the cursor of the
// next page; next is "" when the listing is complete. Cursors are the
// store's own (opaque to core) and stay valid while values are committed
// and deleted. A page may hold fewer than limit records, even none,
// before the listing is complete.
//
// Consistency: a listing from "" to the end returns each record that
// exists throughout it exactly once, never a record deleted or expired
// before the listing began, and a record committed or deleted during it
// at most once. A record whose value is replaced during the listing (a
// refresh) is still listed once, with either value.
type GrantLister interface {
	ListGrants(ctx context.Context, cursor string, limit int) (page []GrantRecord, next string, err error)
}
