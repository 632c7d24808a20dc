package rememberizer

// maxScanDepth is the deepest nesting countValues follows; encoding/json
// refuses deeper documents on its own.
const maxScanDepth = 10000

// tooManyValues reports whether data, a JSON text, holds more than limit
// values in its arrays and objects (elements and members, at any depth).
// It reads data once and allocates only a stack as deep as the nesting,
// so the cost of decoding is known before decoding.
func tooManyValues(data []byte, limit int) bool {
	var stack []bool // per open container: whether it holds a value yet
	n := 0
	inString, escaped := false, false
	for _, b := range data {
		if inString {
			switch {
			case escaped:
				escaped = false
			case b == '\\':
				escaped = true
			case b == '"':
				inString = false
			}
			continue
		}
		switch b {
		case ' ', '\t', '\n', '\r', ':':
			continue
		case ',':
			n++ // a value ended
		case ']', '}':
			if len(stack) > 0 {
				if stack[len(stack)-1] {
					n++ // the last value ended
				}
				stack = stack[:len(stack)-1]
			}
		default:
			if len(stack) > 0 {
				stack[len(stack)-1] = true
			}
			switch b {
			case '"':
				inString = true
			case '[', '{':
				if len(stack) == maxScanDepth {
					return false // too deep: the decoder refuses it
				}
				stack = append(stack, false)
			}
		}
		if n > limit {
			return true
		}
	}
	return false
}
