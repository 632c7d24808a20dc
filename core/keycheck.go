package core

import "fmt"

// The shapes of keys that are visibly not random, beyond a repeated
// pattern (repeatPeriod). Each is refused by notRandom. The bounds are
// chosen so that a key of 32 bytes from crypto/rand has one of the shapes
// with probability below 2^-40 in all: no real key is refused.
const (
	// minDistinctBytes: a random key has about 30 different byte
	// values; 16 or fewer happens with probability about 2^-44.
	minDistinctBytes = 17
	// minByteSpread: the bytes of a random key span nearly 0..255; a
	// span under 64 values happens with probability about 2^-56.
	minByteSpread = 64
	// minPadding: text then at least this many copies of one byte
	// (zeros, spaces): with 28 printable bytes before, about 2^-64.
	minPadding = 4
)

// notRandom says why key is visibly not random, without showing any of
// it, or "" when it looks random: text rather than bytes (all printable
// ASCII: a passphrase, "aaa…b"; random bytes are all printable with
// probability 2^-45), text padded with a repeated byte (a word then
// zeros), few different byte values (31 zeros and a 1), or bytes that all
// lie in a narrow range (0, 1, 2 … 31).
func notRandom(key []byte) string {
	var seen [256]bool
	distinct := 0
	lo, hi := key[0], key[0]
	for _, b := range key {
		if !seen[b] {
			seen[b] = true
			distinct++
		}
		lo, hi = min(lo, b), max(hi, b)
	}
	end := len(key)
	for end > 0 && key[end-1] == key[len(key)-1] {
		end--
	}
	switch {
	case printable(key):
		return "it is text (printable ASCII), not random bytes; a passphrase is not a key"
	case len(key)-end >= minPadding && printable(key[:end]):
		return fmt.Sprintf("it is text padded with %d copies of one byte", len(key)-end)
	case distinct < minDistinctBytes:
		return fmt.Sprintf("it has only %d different byte values", distinct)
	case int(hi)-int(lo) < minByteSpread:
		return fmt.Sprintf("its bytes all lie within a range of %d values", int(hi)-int(lo)+1)
	}
	return ""
}

// printable reports whether b is all printable ASCII, space included.
func printable(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}
