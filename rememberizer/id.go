package rememberizer

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// ID is an identifier from the API. Rememberizer sends ids as JSON numbers
// in some places and as strings in others; ID decodes both and keeps the
// text, so 42 and "42" are the same ID.
type ID string

// UnmarshalJSON accepts a JSON number, a JSON string or null (the empty ID).
func (id *ID) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*id = ""
		return nil
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*id = ID(s)
		return nil
	case b[0] == '-' || (b[0] >= '0' && b[0] <= '9'):
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return err
		}
		*id = ID(n.String())
		return nil
	}
	return fmt.Errorf("rememberizer: id must be a number or a string, got %.20s", b)
}

// MarshalJSON writes the ID as a JSON number when it is made of digits
// only (no leading zero), else as a JSON string.
func (id ID) MarshalJSON() ([]byte, error) {
	if isDigits(string(id)) {
		return []byte(id), nil
	}
	return json.Marshal(string(id))
}

// String returns the ID's text.
func (id ID) String() string { return string(id) }

// isDigits reports whether s is a non-empty run of ASCII digits without a
// leading zero (or "0").
func isDigits(s string) bool {
	if s == "" || (len(s) > 1 && s[0] == '0') {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
