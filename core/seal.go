package core

import (
	"crypto/aes"
	"crypto/cipher"
	"errors"
	"fmt"
	"io"
)

// sealVersion is the first byte of every sealed value.
const sealVersion = 1

// sealOverhead is what sealing adds to a plaintext: version, nonce, tag.
const sealOverhead = 1 + 12 + 16

// errUnsealable is returned for any value that does not open: tampered,
// truncated, sealed under a retired key or for another name.
var errUnsealable = errors.New("rememberizer: value does not open")

// keyRing seals with its first key and opens with any of them. Values
// are AES-256-GCM with a random 96-bit nonce; the associated data binds a
// value to the name it was sealed for (a cookie name or a store slot), so
// it cannot be moved to another.
type keyRing struct {
	aeads []cipher.AEAD
	rand  io.Reader
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
		r.aeads = append(r.aeads, aead)
	}
	return r, nil
}

// seal appends version, nonce and ciphertext of plaintext to dst.
func (r *keyRing) seal(dst, plaintext []byte, name string) ([]byte, error) {
	aead := r.aeads[0]
	start := len(dst)
	dst = append(dst, sealVersion)
	dst = append(dst, make([]byte, aead.NonceSize())...)
	nonce := dst[start+1:]
	if _, err := io.ReadFull(r.rand, nonce); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrRandom, err)
	}
	return aead.Seal(dst, nonce, plaintext, []byte(name)), nil
}

// open returns the plaintext of a value sealed for name by any key.
func (r *keyRing) open(sealed []byte, name string) ([]byte, error) {
	return r.openAD(sealed, []byte(name))
}

// openAD is open with the name already in bytes, for the hot path.
func (r *keyRing) openAD(sealed, ad []byte) ([]byte, error) {
	if len(sealed) < sealOverhead || sealed[0] != sealVersion {
		return nil, errUnsealable
	}
	nonce, ct := sealed[1:13], sealed[13:]
	for _, aead := range r.aeads {
		if pt, err := aead.Open(nil, nonce, ct, ad); err == nil {
			return pt, nil
		}
	}
	return nil, errUnsealable
}
