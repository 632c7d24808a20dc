package core

import (
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
}

type keyEntry struct {
	id   [keyIDLen]byte
	aead cipher.AEAD
}

func newKeyRing(keys [][]byte, rand io.Reader) (*keyRing, error) {
	if len(keys) == 0 {
		return nil, fmt.Errorf("%w: SessionKeys: at least one %d-byte key is required (e.g. 32 bytes from crypto/rand)", ErrInvalidConfig, KeySize)
	}
	r := &keyRing{rand: rand}
	for i, k := range keys {
		if len(k) != KeySize {
			return nil, fmt.Errorf("%w: SessionKeys[%d] is %d bytes, want %d", ErrInvalidConfig, i, len(k), KeySize)
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

// seal appends version, key id, nonce and ciphertext of plaintext to dst.
func (r *keyRing) seal(dst, plaintext []byte, name string) ([]byte, error) {
	return r.sealAD(dst, plaintext, []byte(name))
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
		return nil, fmt.Errorf("%w: %v", ErrRandom, err)
	}
	return k.aead.Seal(dst, nonce, plaintext, ad), nil
}

// open returns the plaintext of a value sealed for name by any key. It
// does not change sealed.
func (r *keyRing) open(sealed []byte, name string) ([]byte, error) {
	return r.openAD(sealed, []byte(name), false)
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
