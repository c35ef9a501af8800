// Command vectors writes the Go-made cross-language test vectors to testdata/vectors/go.txt
// (path relative to circuits/, or the first argument).
package main

import (
	"bytes"
	"fmt"
	"os"

	"sable/circuits/vectors"
)

func main() {
	path := "../testdata/vectors/go.txt"
	if len(os.Args) > 1 {
		path = os.Args[1]
	}
	var b bytes.Buffer
	if err := vectors.Write(&b, vectors.Header, vectors.Generate()); err != nil {
		fail(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		fail(err)
	}
	fmt.Println("wrote", path)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "vectors:", err)
	os.Exit(1)
}
