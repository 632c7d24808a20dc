package core

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
)

// The sealed format: version (1 byte), key id (4), nonce (12), then the
// AES-256-GCM ciphertext and tag (16). The key id names the key that
// sealed the value, so opening tries that key alone.
const (
	sealVersion  = 2
	keyIDLen     = 4
	nonceLen     = 12
	sealHeader   = 1 + keyIDLen + nonceLen
	sealOverhead = sealHeader + 16
)

// errUnsealable is returned for any value that does not open: tampered,
// truncated, sealed under a retired key or for another name.
var errUnsealable = errors.New("rememberizer: value does not open")

// keyRing seals with its first key and opens with any of them. Values
// are AES-256-GCM with a random 96-bit nonce; the associated data binds a
// value to the name it was sealed for (a cookie name or a store slot), so
// it cannot be moved to another.
type keyRing struct {
	keys []keyEntry
	rand io.Reader
	// names holds the cookie names values are sealed for, as bytes, so
	// that binding one into a value costs no allocation per request.
	names [][]byte
}

type keyEntry struct {
	id   [keyIDLen]byte
	aead cipher.AEAD
}

func newKeyRing(keys [][]byte, rand io.Reader) (*keyRing, error) {
	if len(keys) == 0 {
		return nil, fmt.Errorf("%w: SessionKeys: at least one %d-byte key is required (%s)", ErrInvalidConfig, keySize, keyAdvice)
	}
	r := &keyRing{rand: rand}
	for i, k := range keys {
		if len(k) != keySize {
			return nil, fmt.Errorf("%w: SessionKeys[%d] is %d bytes, want %d (%s)", ErrInvalidConfig, i, len(k), keySize, keyAdvice)
		}
		if p := repeatPeriod(k); p > 0 {
			return nil, fmt.Errorf("%w: SessionKeys[%d] is not random: %s (%s)", ErrInvalidConfig, i, describePeriod(k, p), keyAdvice)
		}
		if why := notRandom(k); why != "" {
			return nil, fmt.Errorf("%w: SessionKeys[%d] is not random: %s (%s)", ErrInvalidConfig, i, why, keyAdvice)
		}
		block, err := aes.NewCipher(k)
		if err != nil {
			return nil, fmt.Errorf("%w: SessionKeys[%d]: %v", ErrInvalidConfig, i, err)
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, fmt.Errorf("%w: SessionKeys[%d]: %v", ErrInvalidConfig, i, err)
		}
		// A one-way fingerprint of the key names it; it reveals nothing
		// usable about the key.
		sum := sha256.Sum256(append([]byte("rememberizer key id\x00"), k...))
		rk := keyEntry{aead: aead}
		copy(rk.id[:], sum[:keyIDLen])
		r.keys = append(r.keys, rk)
	}
	return r, nil
}

// keyAdvice says how to make a session key; it is part of every error
// about one.
const keyAdvice = "make one with: head -c32 /dev/urandom | base64, or openssl rand -base64 32, and read it with core.ParseSessionKeys; or in Go, core.NewSessionKey"

// maxKeyPeriod is the longest repeated pattern a key is refused for. A
// random 32-byte key repeats a pattern of up to 16 bytes with probability
// at most 2^-128, so no real key is ever refused.
const maxKeyPeriod = keySize / 2

// repeatPeriod returns the length of the shortest pattern, at most
// maxKeyPeriod bytes, whose repetition is k, or 0 if there is none: 1 for
// an all-zero key or any other repeated byte, 2 for "abab…", and so on.
func repeatPeriod(k []byte) int {
	for p := 1; p <= maxKeyPeriod && p < len(k); p++ {
		if bytes.Equal(k[p:], k[:len(k)-p]) {
			return p
		}
	}
	return 0
}

// describePeriod says what is wrong with k, whose period is p, without
// showing any of it.
func describePeriod(k []byte, p int) string {
	switch {
	case p == 1 && k[0] == 0:
		return "all zero bytes"
	case p == 1:
		return "one byte repeated"
	}
	return fmt.Sprintf("a %d-byte pattern repeated", p)
}

// seal appends version, key id, nonce and ciphertext of plaintext to dst.
func (r *keyRing) seal(dst, plaintext []byte, name string) ([]byte, error) {
	return r.sealAD(dst, plaintext, r.nameAD(name))
}

// nameAD returns name as associated data: a kept copy for the names
// given to bindNames, a new one for any other.
func (r *keyRing) nameAD(name string) []byte {
	for _, n := range r.names {
		if string(n) == name {
			return n
		}
	}
	return []byte(name)
}

// bindNames keeps names as bytes for nameAD. Call it before the ring is
// shared.
func (r *keyRing) bindNames(names ...string) {
	for _, n := range names {
		r.names = append(r.names, []byte(n))
	}
}

// sealAD is seal with the associated data already in bytes.
func (r *keyRing) sealAD(dst, plaintext, ad []byte) ([]byte, error) {
	k := r.keys[0]
	start := len(dst)
	dst = append(dst, sealVersion)
	dst = append(dst, k.id[:]...)
	dst = append(dst, make([]byte, nonceLen)...)
	nonce := dst[start+1+keyIDLen:]
	if _, err := io.ReadFull(r.rand, nonce); err != nil {
		return nil, fmt.Errorf("%w: %v", errRandom, err)
	}
	return k.aead.Seal(dst, nonce, plaintext, ad), nil
}

// open returns the plaintext of a value sealed for name by any key. It
// does not change sealed.
func (r *keyRing) open(sealed []byte, name string) ([]byte, error) {
	return r.openAD(sealed, r.nameAD(name), false)
}

// openAD opens with the associated data already in bytes. With inPlace,
// the plaintext overwrites sealed (which the caller owns and no longer
// needs), saving a copy on the hot path.
func (r *keyRing) openAD(sealed, ad []byte, inPlace bool) ([]byte, error) {
	if len(sealed) < sealOverhead || sealed[0] != sealVersion {
		return nil, errUnsealable
	}
	id, nonce, ct := sealed[1:1+keyIDLen], sealed[1+keyIDLen:sealHeader], sealed[sealHeader:]
	matches := 0
	for i := range r.keys {
		if string(r.keys[i].id[:]) == string(id) {
			matches++
		}
	}
	for i := range r.keys {
		k := &r.keys[i]
		if string(k.id[:]) != string(id) {
			continue
		}
		// A failed open clears its output, so decrypt in place only when
		// no other key could still be tried.
		var dst []byte
		if inPlace && matches == 1 {
			dst = ct[:0]
		}
		if pt, err := k.aead.Open(dst, nonce, ct, ad); err == nil {
			return pt, nil
		}
	}
	return nil, errUnsealable
}
