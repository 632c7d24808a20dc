package core

import (
	"context"
	"fmt"
	"iter"

	"github.com/rzauth/rememberizer-go/core/adapter"
	"github.com/rzauth/rememberizer-go/core/event"
)

// grantPage is how many grants [Client.GrantHolders] asks its store for at
// a time: the bound of what a listing holds in memory.
const grantPage = 100

// GrantHolders is [Client.GrantHolders].
func (c *client) GrantHolders(ctx context.Context) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		if c.grants == nil {
			yield("", fmt.Errorf("%w: GrantHolders needs a Config.GrantStore", ErrInvalidConfig))
			return
		}
		l, ok := c.grants.(adapter.GrantLister)
		if !ok {
			yield("", fmt.Errorf("%w: the GrantStore (%T) cannot list its grants: it is not an adapter.GrantLister", ErrInvalidConfig, c.grants))
			return
		}
		cursor := ""
		for {
			page, next, err := l.ListGrants(ctx, cursor, grantPage)
			if err != nil {
				yield("", c.storeFailed(ctx, event.Grant, event.List, "list grants", err))
				return
			}
			for _, r := range page {
				userID, ok, err := c.grantHolderOf(ctx, r)
				if err != nil {
					yield("", err)
					return
				}
				if ok && !yield(userID, nil) {
					return
				}
			}
			if next == "" {
				return
			}
			cursor = next
		}
	}
}

// grantHolderOf returns the user whose grant r is, with ok false when r
// does not open under this app's keys, is not a grant, or a revoked mark
// refuses it (the grant was deleted and an old record written back).
func (c *client) grantHolderOf(ctx context.Context, r adapter.GrantRecord) (string, bool, error) {
	plain, err := c.keys.openAD(r.Value, recordAD(r.Key), false)
	if err != nil {
		return "", false, nil
	}
	userID, ok := grantOwner(plain)
	if !ok || grantKey(userID) != r.Key {
		return "", false, nil
	}
	g, err := decodeGrant(plain, userID)
	if err != nil {
		return "", false, nil
	}
	revoked, err := c.loadMark(ctx, markRevoked, userID)
	if err != nil {
		return "", false, err
	}
	if !revoked.IsZero() && !g.created.After(revoked) {
		return "", false, nil
	}
	return userID, true, nil
}

// grantOwner reads the user id an encoded grant names.
func grantOwner(b []byte) (string, bool) {
	d := decoder{buf: string(b)}
	if v := d.byte(); v != grantVersion && v != grantVersionV1 {
		return "", false
	}
	id := d.string()
	return id, d.err == nil && id != ""
}
