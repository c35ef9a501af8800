// Package vectors reads, writes, generates and checks Sable's cross-language test vectors.
//
// A vector file is text: '#' starts a comment line, every other line is one record,
// "<kind> key=value key=value ...", values without spaces (hex field elements and byte strings
// with 0x, decimal integers, comma-separated lists). Go writes testdata/vectors/go.txt
// (go run ./cmd/vectors), Java writes testdata/vectors/java.txt; each side checks the other's.
package vectors

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// Record is one vector: a kind and its fields in file order.
type Record struct {
	Kind   string
	Keys   []string
	Values map[string]string
}

// NewRecord builds a record from alternating keys and values.
func NewRecord(kind string, kv ...string) Record {
	r := Record{Kind: kind, Values: map[string]string{}}
	for i := 0; i+1 < len(kv); i += 2 {
		r.Keys = append(r.Keys, kv[i])
		r.Values[kv[i]] = kv[i+1]
	}
	return r
}

// Get returns a field's value; a missing field panics, since the files are generated.
func (r Record) Get(key string) string {
	v, ok := r.Values[key]
	if !ok {
		panic(fmt.Sprintf("%s: missing field %q", r.Kind, key))
	}
	return v
}

func (r Record) String() string {
	var b strings.Builder
	b.WriteString(r.Kind)
	for _, k := range r.Keys {
		fmt.Fprintf(&b, " %s=%s", k, r.Values[k])
	}
	return b.String()
}

// Write writes a header comment and the records, one per line.
func Write(w io.Writer, header string, records []Record) error {
	for _, line := range strings.Split(header, "\n") {
		if _, err := fmt.Fprintf(w, "# %s\n", line); err != nil {
			return err
		}
	}
	for _, r := range records {
		if _, err := fmt.Fprintln(w, r.String()); err != nil {
			return err
		}
	}
	return nil
}

// ReadFile parses a vector file.
func ReadFile(path string) ([]Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var records []Record
	s := bufio.NewScanner(f)
	s.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; s.Scan(); n++ {
		line := strings.TrimSpace(s.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Fields(line)
		r := Record{Kind: parts[0], Values: map[string]string{}}
		for _, p := range parts[1:] {
			k, v, ok := strings.Cut(p, "=")
			if !ok {
				return nil, fmt.Errorf("%s:%d: field without '=': %q", path, n, p)
			}
			r.Keys = append(r.Keys, k)
			r.Values[k] = v
		}
		records = append(records, r)
	}
	return records, s.Err()
}
