package core

import (
	"encoding/binary"
	"errors"
)

// The compact encoding of stored records: a version byte, then fields in a
// fixed order, each an unsigned varint or a varint length followed by
// bytes. No field names, no reflection: a session with two 40-character
// tokens and a user encodes in about 150 bytes and decodes without
// allocating more than its strings.

// errMalformed is returned by decoders for input that is not a record.
var errMalformed = errors.New("rememberizer: malformed record")

// maxFieldLen bounds any one decoded string, so a hostile length cannot
// make the decoder allocate much.
const maxFieldLen = 1 << 16

type encoder struct{ buf []byte }

func (e *encoder) byte(b byte)     { e.buf = append(e.buf, b) }
func (e *encoder) uint(v uint64)   { e.buf = binary.AppendUvarint(e.buf, v) }
func (e *encoder) time(unix int64) { e.uint(uint64(max(unix, 0))) }
func (e *encoder) string(s string) {
	e.uint(uint64(len(s)))
	e.buf = append(e.buf, s...)
}

// decoder reads a record from one string, so every decoded string is a
// slice of it: decoding a record costs one allocation for all its fields.
type decoder struct {
	buf string
	err error
}

func (d *decoder) byte() byte {
	if d.err != nil || len(d.buf) < 1 {
		d.err = errMalformed
		return 0
	}
	b := d.buf[0]
	d.buf = d.buf[1:]
	return b
}

func (d *decoder) uint() uint64 {
	var v uint64
	for i := 0; i < binary.MaxVarintLen64; i++ {
		if d.err != nil || i >= len(d.buf) {
			d.err = errMalformed
			return 0
		}
		b := d.buf[i]
		if i == binary.MaxVarintLen64-1 && b > 1 {
			d.err = errMalformed
			return 0
		}
		v |= uint64(b&0x7f) << (7 * i)
		if b < 0x80 {
			d.buf = d.buf[i+1:]
			return v
		}
	}
	d.err = errMalformed
	return 0
}

func (d *decoder) time() int64 {
	v := d.uint()
	if v > 1<<62 {
		d.err = errMalformed
		return 0
	}
	return int64(v)
}

func (d *decoder) string() string {
	n := d.uint()
	if d.err != nil {
		return ""
	}
	if n > maxFieldLen || n > uint64(len(d.buf)) {
		d.err = errMalformed
		return ""
	}
	s := d.buf[:n]
	d.buf = d.buf[n:]
	return s
}

// done reports the first error, or errMalformed if input is left over.
func (d *decoder) done() error {
	if d.err == nil && len(d.buf) != 0 {
		return errMalformed
	}
	return d.err
}
