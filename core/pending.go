package core

import (
	"crypto/subtle"
	"encoding/binary"
	"fmt"
	"time"

	"github.com/rzauth/rememberizer-go/core/adapter"
)

const (
	// pendingVersion is the first byte of an encoded pending-login list.
	pendingVersion = 1
	// maxPendingLogins bounds the sign-ins one browser may have under way
	// at once (parallel tabs); the oldest is evicted first.
	maxPendingLogins = 5
	// pendingBudget bounds the encoded list so that, sealed and base64
	// encoded, it always fits one cookie.
	pendingBudget = 2800
	// maxClockSkew is how far in the future a record's time may be, for
	// instances whose clocks differ a little.
	maxClockSkew = time.Minute

	// pendingSecretLen is the length of a state or verifier: 32 random
	// bytes in unpadded base64url.
	pendingSecretLen = 43
	// pendingHeaderLen is the list's version byte and count.
	pendingHeaderLen = 2
	// pendingEntryReserve is the most an entry takes with the return-to
	// "/": state and verifier with their length bytes, the return-to with
	// its length byte, and the time (a varint). The list always keeps
	// this much room for each sign-in that may still be added (S5).
	pendingEntryReserve = 2*(1+pendingSecretLen) + 2 + binary.MaxVarintLen64
)

// pendingLogin is a sign-in that was started in this browser and not yet
// finished: the state sent to Rememberizer, the PKCE verifier that only we
// know, where to go afterwards, and when it began.
type pendingLogin struct {
	State     string
	Verifier  string
	ReturnTo  string
	CreatedAt time.Time
}

func encodePending(dst []byte, list []pendingLogin) []byte {
	e := encoder{buf: dst}
	e.byte(pendingVersion)
	e.uint(uint64(len(list)))
	for _, p := range list {
		e.string(p.State)
		e.string(p.Verifier)
		e.string(p.ReturnTo)
		e.time(p.CreatedAt.UnixMilli())
	}
	return e.buf
}

func decodePending(b []byte) ([]pendingLogin, error) {
	d := decoder{buf: string(b)}
	if d.byte() != pendingVersion {
		return nil, errMalformed
	}
	n := d.uint()
	if n > maxPendingLogins {
		return nil, errMalformed
	}
	list := make([]pendingLogin, 0, n)
	for i := uint64(0); i < n && d.err == nil; i++ {
		var p pendingLogin
		p.State = d.string()
		p.Verifier = d.string()
		p.ReturnTo = d.string()
		p.CreatedAt = time.UnixMilli(d.time())
		list = append(list, p)
	}
	if err := d.done(); err != nil {
		return nil, err
	}
	return list, nil
}

// addPending appends p to list, dropping expired entries and then the
// oldest ones beyond maxPendingLogins. p itself is always kept.
//
// Five sign-ins always fit, whatever their return-tos: the list keeps
// room for the entries still to come, counting each entry as at least
// pendingEntryReserve. When p's return-to does not fit that way, p keeps
// "/" instead, and its sign-in ends on the home page; a few long
// return-tos (forced cross-site navigations, say) can then never push out
// a sign-in under way in another tab. Only a list sealed under a larger
// budget can still be over it; its oldest entries are dropped.
func addPending(list []pendingLogin, p pendingLogin, now time.Time, ttl time.Duration) []pendingLogin {
	kept := make([]pendingLogin, 0, len(list)+1)
	for _, old := range list {
		if now.Sub(old.CreatedAt) < ttl && !old.CreatedAt.After(now.Add(maxClockSkew)) {
			kept = append(kept, old)
		}
	}
	kept = append(kept, p)
	if len(kept) > maxPendingLogins {
		kept = kept[len(kept)-maxPendingLogins:]
	}
	if pendingCost(kept) > pendingBudget {
		kept[len(kept)-1].ReturnTo = "/"
	}
	for len(kept) > 1 && pendingCost(kept) > pendingBudget {
		kept = kept[1:]
	}
	return kept
}

// pendingCost is the encoded size of list with every entry counted as at
// least pendingEntryReserve, plus that reserve for each entry it may still
// take. It is at least the encoded size, and neither dropping an entry
// nor adding one no longer than pendingEntryReserve (a return-to of "/")
// raises it.
func pendingCost(list []pendingLogin) int {
	n := pendingHeaderLen
	for _, p := range list {
		n += max(pendingEntryLen(p), pendingEntryReserve)
	}
	return n + max(maxPendingLogins-len(list), 0)*pendingEntryReserve
}

// pendingEntryLen is the encoded size of one entry.
func pendingEntryLen(p pendingLogin) int {
	return varintLen(uint64(len(p.State))) + len(p.State) +
		varintLen(uint64(len(p.Verifier))) + len(p.Verifier) +
		varintLen(uint64(len(p.ReturnTo))) + len(p.ReturnTo) +
		varintLen(uint64(max(p.CreatedAt.UnixMilli(), 0)))
}

// varintLen is the length of v as an unsigned varint.
func varintLen(v uint64) int {
	n := 1
	for ; v >= 0x80; v >>= 7 {
		n++
	}
	return n
}

// takePending finds the entry whose state equals state, comparing every
// entry in constant time, and returns it with the list of the others.
func takePending(list []pendingLogin, state string) (pendingLogin, []pendingLogin, bool) {
	found := -1
	for i := range list {
		if subtle.ConstantTimeCompare([]byte(list[i].State), []byte(state)) == 1 {
			found = i
		}
	}
	if found < 0 {
		return pendingLogin{}, list, false
	}
	rest := make([]pendingLogin, 0, len(list)-1)
	rest = append(rest, list[:found]...)
	rest = append(rest, list[found+1:]...)
	return list[found], rest, true
}

// loadPending returns the browser's pending logins; nil when it has none
// that open.
func (c *client) loadPending(req adapter.Request) ([]pendingLogin, error) {
	plain, _, _, err := c.pending.load(req, c.loginSlot)
	if err != nil || plain == nil {
		return nil, err
	}
	list, err := decodePending(plain)
	if err != nil {
		return nil, nil
	}
	return list, nil
}

// savePending stores list, or deletes the cookie when it is empty.
func (c *client) savePending(req adapter.Request, list []pendingLogin) error {
	if len(list) == 0 {
		return c.pending.remove(req.Context(), req, c.loginSlot, "")
	}
	if err := c.pending.save(req.Context(), req, c.loginSlot, "", "", encodePending(nil, list)); err != nil {
		return fmt.Errorf("save pending login: %w", err)
	}
	return nil
}
