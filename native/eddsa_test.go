package main

import (
	"crypto/rand"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/poseidon2"
	"github.com/consensys/gnark-crypto/ecc/bn254/twistededwards/eddsa"

	"sable/circuits/smt"
)

// signed returns the verify input for a signature by gnark-crypto's eddsa (the Poseidon2
// Merkle-Damgard challenge) on the message m.
func signed(tb testing.TB, m fr.Element) []byte {
	key, err := eddsa.GenerateKey(rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	msg := m.Bytes()
	sigBytes, err := key.Sign(msg[:], poseidon2.NewMerkleDamgardHasher())
	if err != nil {
		tb.Fatal(err)
	}
	var sig eddsa.Signature
	if _, err := sig.SetBytes(sigBytes); err != nil {
		tb.Fatal(err)
	}
	in := make([]byte, 0, verifyFixed)
	for _, e := range []fr.Element{key.PublicKey.A.X, key.PublicKey.A.Y, sig.R.X, sig.R.Y} {
		b := e.Bytes()
		in = append(in, b[:]...)
	}
	in = append(in, sig.S[:]...)
	return append(in, msg[:]...)
}

func randomMessage(tb testing.TB) fr.Element {
	var m fr.Element
	if _, err := m.SetRandom(); err != nil {
		tb.Fatal(err)
	}
	return m
}

// A signature gnark-crypto's own signer made verifies; with one bit of the message, S, R or the
// key changed it does not (refused or an error, never accepted); S at or above 2^255 is an error.
// 200 random signatures give both signs to every digit position of h and S (signedDigits).
func TestVerifyAgreesWithGnarkSigner(t *testing.T) {
	for range 200 {
		in := signed(t, randomMessage(t))
		if ok, err := eddsaVerify(in); err != nil || !ok {
			t.Fatalf("gnark's signature refused: %v %v", ok, err)
		}
		for _, at := range []int{191, 159, 127, 95, 63, 31} { // m, S, R.y, R.x, A.y, A.x
			forged := append([]byte(nil), in...)
			forged[at] ^= 1
			if ok, err := eddsaVerify(forged); ok {
				t.Fatalf("byte %d changed and still accepted (%v)", at, err)
			}
		}
		huge := append([]byte(nil), in...)
		huge[128] |= 0x80 // S + 2^255: outside what signedDigits recodes
		if ok, err := eddsaVerify(huge); ok || err == nil {
			t.Fatalf("S at or above 2^255: %v %v", ok, err)
		}
	}
}

// A signed request checked in one call: the signature is over fold(state, words) (an order's prefix
// state and its two packed words, a margin switch's three fields), and the native check folds the
// words itself. It accepts exactly the signatures on that fold: changing one bit of the state or of
// any word is refused; a word that is not canonical, more than four words or a length that is not
// a whole number of words is an error.
func TestVerifyFoldsTheMessageWords(t *testing.T) {
	for words := 0; words <= maxWords; words++ {
		state := randomMessage(t)
		ws := make([]fr.Element, words)
		m := state
		for i := range ws {
			ws[i] = randomMessage(t)
			m = smt.Compress(m, ws[i])
		}
		hashed := signed(t, m) // the input with the message already hashed: A | R | S | m
		in := append([]byte(nil), hashed[:160]...)
		sb := state.Bytes()
		in = append(in, sb[:]...)
		for i := range ws {
			wb := ws[i].Bytes()
			in = append(in, wb[:]...)
		}
		if ok, err := eddsaVerify(in); err != nil || !ok {
			t.Fatalf("%d words: the signature on the fold refused: %v %v", words, ok, err)
		}
		for at := 191; at < len(in); at += 32 { // the state's and each word's last byte
			forged := append([]byte(nil), in...)
			forged[at] ^= 1
			if ok, _ := eddsaVerify(forged); ok {
				t.Fatalf("%d words: byte %d changed and still accepted", words, at)
			}
		}
		if words > 0 {
			noncanon := append([]byte(nil), in...) // a word's last byte set to r's: not canonical
			copy(noncanon[len(in)-32:], fr.Modulus().FillBytes(make([]byte, 32)))
			if ok, err := eddsaVerify(noncanon); ok || err == nil {
				t.Fatalf("a non-canonical word: %v %v", ok, err)
			}
		}
	}
	long := make([]byte, verifyFixed+32*(maxWords+1))
	if _, err := eddsaVerify(long); err == nil {
		t.Fatal("five words accepted as input")
	}
	if _, err := eddsaVerify(make([]byte, verifyFixed+16)); err == nil {
		t.Fatal("half a word accepted as input")
	}
}

// threadCPU is the calling OS thread's CPU time (user + system).
func threadCPU(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkVerifyCPU splits one verification's CPU time (of its thread, so other processes on a
// shared machine do not count) between the Poseidon2 challenge and the rest (the curve work), the
// two measured alternately in blocks of 100 on valid signatures by 64 keys (the intake benchmark's
// default traders) whose tables are cached, as for returning traders:
//
//	cd native && go test -run X -bench VerifyCPU -benchtime 30000x
func BenchmarkVerifyCPU(b *testing.B) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	ins := make([][]byte, 64)
	for i := range ins {
		ins[i] = signed(b, randomMessage(b))
		if ok, err := eddsaVerify(ins[i]); err != nil || !ok {
			b.Fatal("the benchmark's signature does not verify")
		}
	}
	ms := make([]fr.Element, len(ins))
	for i := range ins {
		ms[i].SetBytes(ins[i][160:192])
	}
	var verify, hash time.Duration
	for done := 0; done < b.N; done += 100 {
		c0 := threadCPU(b)
		for i := range 100 {
			eddsaVerify(ins[(done+i)%len(ins)])
		}
		c1 := threadCPU(b)
		for i := range 100 {
			challenge(ins[(done+i)%len(ins)], &ms[(done+i)%len(ins)])
		}
		c2 := threadCPU(b)
		verify += c1 - c0
		hash += c2 - c1
	}
	n := float64((b.N + 99) / 100 * 100)
	b.ReportMetric(float64(verify.Nanoseconds())/n/1e3, "verify-cpu-us/op")
	b.ReportMetric(float64(hash.Nanoseconds())/n/1e3, "challenge-cpu-us/op")
	b.ReportMetric(float64(hash)/float64(verify), "challenge-share")
}
