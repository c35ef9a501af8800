package main

import (
	"fmt"
	"os"

	"sable/circuits/keystore"
)

func main() {
	for _, n := range os.Args[1:] {
		h, err := keystore.CircuitHash(n)
		fmt.Println(n, h, err)
	}
}
