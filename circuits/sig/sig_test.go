package sig_test

import (
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/twistededwards/eddsa"

	"sable/circuits/sig"
)

func key(t *testing.T) *eddsa.PrivateKey {
	t.Helper()
	k, err := sig.KeyFromSeed(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestSignVerify(t *testing.T) {
	k := key(t)
	m := fr.NewElement(7)
	s, err := sig.Sign(k, m)
	if err != nil {
		t.Fatal(err)
	}
	pk, err := sig.ParsePublicKey(k.PublicKey.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := sig.Verify(pk, s, m); !ok || err != nil {
		t.Fatalf("valid signature rejected: %v", err)
	}
	if ok, _ := sig.Verify(pk, s, fr.NewElement(8)); ok {
		t.Fatal("signature verified for another message")
	}
}

// TestUnreducedKeyIsRejected shows the rule sig adds: gnark-crypto reduces y mod r when decoding a
// key, so y and y + r would name the same key; Sable accepts only the canonical encoding.
func TestUnreducedKeyIsRejected(t *testing.T) {
	k := key(t)
	enc := k.PublicKey.Bytes()
	flag := enc[31] & 0x80
	var y big.Int
	k.PublicKey.A.Y.BigInt(&y)
	y.Add(&y, fr.Modulus())
	be := y.FillBytes(make([]byte, 32))
	le := make([]byte, 32)
	for i := range le {
		le[i] = be[31-i]
	}
	le[31] |= flag

	var lenient eddsa.PublicKey
	if _, err := lenient.SetBytes(le); err != nil {
		t.Fatalf("gnark-crypto rejected the unreduced key (the rule may now be redundant): %v", err)
	}
	if _, err := sig.ParsePublicKey(le); err == nil {
		t.Fatal("unreduced key accepted")
	}
}
