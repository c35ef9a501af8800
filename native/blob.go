package main

/*
#include <stdlib.h>
*/
import "C"

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"sable/circuits/blob"
)

// blobOpeningLen is SableBlobOpen's output: commitment (48) | proof (48) | z (32) | y (32).
const blobOpeningLen = 48 + 48 + 32 + 32

// SableBlobOpen takes the commitment c = H(TAG_PUBDATA, rows...) to a batch's owner rows, then the
// data of one of its blobs (32-byte big-endian canonical BN254 elements each, the data at most a
// blob's 4096; for a one-blob circuit the data are the rows), commits to the blob holding the data
// and opens it at z = H(TAG_BLOB, c, vh) with go-eth-kzg on Ethereum's trusted setup
// (circuits/blob.Open): the KZG half of a -owner-blob batch's opening, which the JVM has no
// library for.
//
//export SableBlobOpen
func SableBlobOpen(input *C.char, inputLen C.int, out **C.char, outLen *C.int, errOut **C.char) (rc C.int) {
	defer guard(&rc, errOut)
	in := goBytes(input, inputLen)
	if len(in) < 32 {
		fail(&rc, errOut, fmt.Errorf("blob opening input of %d bytes: no rows commitment", len(in)))
		return
	}
	var c fr.Element
	if err := c.SetBytesCanonical(in[:32]); err != nil {
		fail(&rc, errOut, fmt.Errorf("rows commitment: %w", err))
		return
	}
	d, err := blobElements(in[32:])
	if err != nil {
		fail(&rc, errOut, err)
		return
	}
	o, err := blob.Open(d, c)
	if err != nil {
		fail(&rc, errOut, err)
		return
	}
	z, y := o.Z.Bytes(), o.Y.Bytes()
	res := make([]byte, 0, blobOpeningLen)
	res = append(res, o.Commitment[:]...)
	res = append(res, o.Proof[:]...)
	res = append(res, z[:]...)
	cBytes(append(res, y[:]...), out, outLen)
	return 0
}

// SableBlobCellProofs gives the 128 cell proofs (48 bytes each, in order) of the blob holding
// data (as SableBlobOpen takes its data): the sidecar of a type-3 transaction carrying that blob since
// Osaka (EIP-7594), which the JVM has no library to compute.
//
//export SableBlobCellProofs
func SableBlobCellProofs(data *C.char, dataLen C.int, out **C.char, outLen *C.int, errOut **C.char) (rc C.int) {
	defer guard(&rc, errOut)
	d, err := blobElements(goBytes(data, dataLen))
	if err != nil {
		fail(&rc, errOut, err)
		return
	}
	proofs, err := blob.CellProofs(d)
	if err != nil {
		fail(&rc, errOut, err)
		return
	}
	res := make([]byte, 0, 48*len(proofs))
	for i := range proofs {
		res = append(res, proofs[i][:]...)
	}
	cBytes(res, out, outLen)
	return 0
}

// blobElements reads 32-byte big-endian elements, refusing a partial or non-canonical one.
func blobElements(b []byte) ([]fr.Element, error) {
	if len(b)%32 != 0 {
		return nil, fmt.Errorf("blob data of %d bytes: not whole 32-byte elements", len(b))
	}
	d := make([]fr.Element, len(b)/32)
	for i := range d {
		if err := d[i].SetBytesCanonical(b[32*i : 32*i+32]); err != nil {
			return nil, fmt.Errorf("blob element %d: %w", i, err)
		}
	}
	return d, nil
}
