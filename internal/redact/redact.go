// Package redact holds what core and rememberizer share to print values
// that keep secrets: every printed form shows a description written
// without them.
package redact

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strconv"
)

// Format writes desc, a description without secrets, for any verb of a
// Format method: quoted for %q, as it is for every other (%v, %+v, %#v,
// %s, %x, %d, …), so that no verb reaches the value's fields.
func Format(f fmt.State, verb rune, desc string) {
	if verb == 'q' {
		desc = strconv.Quote(desc)
	}
	_, _ = io.WriteString(f, desc)
}

// MarshalLogValue renders v, as a LogValue method gives it, as JSON:
// groups become objects, other values their JSON form. A MarshalJSON
// method returning it writes what the value logs.
func MarshalLogValue(v slog.Value) ([]byte, error) {
	v = v.Resolve()
	if v.Kind() != slog.KindGroup {
		return json.Marshal(v.Any())
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, a := range v.Group() {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(a.Key)
		if err != nil {
			return nil, err
		}
		val, err := MarshalLogValue(a.Value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(val)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
