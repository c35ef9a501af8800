package gadget

import (
	"math/big"
	"testing"

	tedwards "github.com/consensys/gnark-crypto/ecc/twistededwards"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	edwards "github.com/consensys/gnark-crypto/ecc/bn254/twistededwards"
	"github.com/consensys/gnark/backend"
	"github.com/consensys/gnark/backend/groth16"
	cs_bn254 "github.com/consensys/gnark/constraint/bn254"
	"github.com/consensys/gnark/constraint/solver"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/std/algebra/native/twistededwards"
	"github.com/consensys/gnark/test"

	"sable/circuits/sig"
)

type signatureCircuit struct {
	Key, R Point
	S, Msg frontend.Variable
}

func (c *signatureCircuit) Define(api frontend.API) error {
	NewEdDSA(api, NewHasher(api)).Verify(1, c.Key, c.R, c.S, c.Msg)
	return nil
}

// signed returns a key, a message and a valid signature as a circuit assignment.
func signed(t *testing.T) *signatureCircuit {
	t.Helper()
	k, err := sig.KeyFromSeed(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	msg := fr.NewElement(424242)
	s, err := sig.Sign(k, msg)
	if err != nil {
		t.Fatal(err)
	}
	var r edwards.PointAffine
	if _, err := r.SetBytes(s[:32]); err != nil {
		t.Fatal(err)
	}
	return &signatureCircuit{Key: Point{X: toInt(k.PublicKey.A.X), Y: toInt(k.PublicKey.A.Y)}, R: Point{X: toInt(r.X), Y: toInt(r.Y)},
		S: new(big.Int).SetBytes(s[32:]), Msg: toInt(msg)}
}

func toInt(e fr.Element) *big.Int {
	var b big.Int
	e.BigInt(&b)
	return &b
}

// neg is -x mod r.
func neg(x frontend.Variable) *big.Int {
	return new(big.Int).Mod(new(big.Int).Neg(x.(*big.Int)), field)
}

func TestSignatureVerifies(t *testing.T) {
	if err := test.IsSolved(&signatureCircuit{}, signed(t), field); err != nil {
		t.Fatal(err)
	}
}

func TestTamperedSignaturesFail(t *testing.T) {
	params := edwards.GetEdwardsCurve()
	cases := map[string]func(a *signatureCircuit){
		"other message": func(a *signatureCircuit) { a.Msg = 424243 },
		"S + l": func(a *signatureCircuit) {
			a.S = new(big.Int).Add(a.S.(*big.Int), &params.Order)
		},
		"R negated": func(a *signatureCircuit) { a.R.X = neg(a.R.X) },
	}
	for name, tamper := range cases {
		a := signed(t)
		tamper(a)
		if test.IsSolved(&signatureCircuit{}, a, field) == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

type keyCircuit struct{ Key Point }

func (c *keyCircuit) Define(api frontend.API) error {
	NewEdDSA(api, NewHasher(api)).AssertValidKey(1, c.Key)
	return nil
}

// TestKeyValidation: a key is accepted only on the curve, not the identity, in the prime-order
// subgroup (docs/state.md section 6).
func TestKeyValidation(t *testing.T) {
	good := signed(t).Key
	if err := test.IsSolved(&keyCircuit{}, &keyCircuit{Key: good}, field); err != nil {
		t.Fatalf("valid key rejected: %v", err)
	}
	for name, k := range map[string]Point{
		"identity":         {X: 0, Y: 1},
		"order 2":          {X: 0, Y: -1},
		"key + (0, -1)":    {X: neg(good.X), Y: neg(good.Y)},
		"off the curve":    {X: 1, Y: 1},
		"no key (0, 0)":    {X: 0, Y: 0},
		"the key's x only": {X: good.X, Y: 0},
	} {
		if test.IsSolved(&keyCircuit{}, &keyCircuit{Key: k}, field) == nil {
			t.Errorf("%s accepted as a key", name)
		}
	}
}

// sqrtMinusOne is a square root of -1 in the scalar field (r = 1 mod 4).
func sqrtMinusOne() *big.Int {
	var m fr.Element
	m.SetOne().Neg(&m)
	var s fr.Element
	if s.Sqrt(&m) == nil {
		panic("-1 is not a square")
	}
	var b big.Int
	s.BigInt(&b)
	return &b
}

// forgedWithRZero is the forgery of gnark's std/signature/eddsa (v0.16.3): R = (0, 0), S = 0, for
// a valid key and any message.
func forgedWithRZero(t *testing.T) *signatureCircuit {
	a := signed(t)
	a.R, a.S, a.Msg = Point{X: 0, Y: 0}, 0, 777
	return a
}

// TestEdDSAForgeryWithRZeroAndMaliciousHintsGivesNoProof: the forgery that breaks gnark's gadget,
// with every hint of the compiled constraint system replaced by an adversarial one (the quotient
// sqrt(-1) the attack needs, zeros, or the honest values), yields no Groth16 proof here.
func TestEdDSAForgeryWithRZeroAndMaliciousHintsGivesNoProof(t *testing.T) {
	forged := forgedWithRZero(t)
	if test.IsSolved(&signatureCircuit{}, forged, field) == nil {
		t.Fatal("the test engine accepted the forgery")
	}
	ccs, err := frontend.Compile(field, r1cs.NewBuilder, &signatureCircuit{})
	if err != nil {
		t.Fatal(err)
	}
	pk, _, err := groth16.Setup(ccs)
	if err != nil {
		t.Fatal(err)
	}
	w, err := frontend.NewWitness(forged, field)
	if err != nil {
		t.Fatal(err)
	}
	root := sqrtMinusOne()
	strategies := map[string]solver.Hint{
		"sqrt(-1)": func(_ *big.Int, _, out []*big.Int) error {
			for _, o := range out {
				o.Set(root)
			}
			return nil
		},
		"zero": func(_ *big.Int, _, out []*big.Int) error {
			for _, o := range out {
				o.SetUint64(0)
			}
			return nil
		},
	}
	hints := ccs.(*cs_bn254.R1CS).MHintsDependencies
	if len(hints) == 0 {
		t.Fatal("the gadget uses no hint: nothing to override")
	}
	for name, malicious := range strategies {
		var opts []solver.Option
		for id := range hints {
			opts = append(opts, solver.OverrideHint(id, malicious))
		}
		if _, err := groth16.Prove(ccs, pk, w, backend.WithSolverOptions(opts...)); err == nil {
			t.Errorf("hints answering %s: a proof of the forged signature came out", name)
		}
	}
	if _, err := groth16.Prove(ccs, pk, w); err == nil {
		t.Error("honest hints: a proof of the forged signature came out")
	}
}

// vulnerableCircuit is gnark's std/signature/eddsa check [8]([S]B - [h]A - R) = 0 with the first
// cofactor doubling's divisions written as the constraint they compile to (denominator * quotient
// = numerator) and the quotient from a hint, so a test can play the malicious solver: with
// R = (0, 0) that doubling is 0/0.
type vulnerableCircuit struct {
	Key, R Point
	S, Msg frontend.Variable
}

func (c *vulnerableCircuit) Define(api frontend.API) error {
	curve, err := twistededwards.NewEdCurve(api, tedwards.BN254)
	if err != nil {
		return err
	}
	p := curve.Params()
	h := NewHasher(api).Hash(c.R.X, c.R.Y, c.Key.X, c.Key.Y, c.Msg)
	q := curve.DoubleBaseScalarMul(Point{X: p.Base[0], Y: p.Base[1]}, curve.Neg(c.Key), c.S, h)
	d := curve.Add(curve.Neg(q), c.R)
	for range 3 {
		x2, y2, xy := api.Mul(d.X, d.X), api.Mul(d.Y, d.Y), api.Mul(d.X, d.Y)
		ax2 := api.Mul(x2, p.A)
		d = Point{X: hintedDiv(api, api.Mul(2, xy), api.Add(y2, ax2)), Y: hintedDiv(api, api.Sub(y2, ax2), api.Sub(2, y2, ax2))}
	}
	api.AssertIsEqual(d.X, 0)
	api.AssertIsEqual(d.Y, 1)
	return nil
}

func hintedDiv(api frontend.API, num, den frontend.Variable) frontend.Variable {
	out, err := api.NewHint(divHint, 1, num, den)
	if err != nil {
		panic(err)
	}
	api.AssertIsEqual(api.Mul(den, out[0]), num)
	return out[0]
}

// divHint is the honest solver: num / den, 0 when den = 0.
func divHint(mod *big.Int, in, out []*big.Int) error {
	if in[1].Sign() == 0 {
		out[0].SetUint64(0)
		return nil
	}
	out[0].Mul(in[0], new(big.Int).ModInverse(in[1], mod)).Mod(out[0], mod)
	return nil
}

// TestTheForgeryBreaksTheUncheckedGadget is the positive control of the test above: the same
// forged witness and the malicious quotient sqrt(-1) give a Groth16 proof that verifies against
// gnark's unchecked construction, so the harness does reach the attack.
func TestTheForgeryBreaksTheUncheckedGadget(t *testing.T) {
	solver.RegisterHint(divHint)
	forged := forgedWithRZero(t)
	assignment := &vulnerableCircuit{Key: forged.Key, R: forged.R, S: forged.S, Msg: forged.Msg}
	ccs, err := frontend.Compile(field, r1cs.NewBuilder, &vulnerableCircuit{})
	if err != nil {
		t.Fatal(err)
	}
	pk, vk, err := groth16.Setup(ccs)
	if err != nil {
		t.Fatal(err)
	}
	w, err := frontend.NewWitness(assignment, field)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := groth16.Prove(ccs, pk, w); err == nil {
		t.Fatal("the honest solver proved the forgery: the control shows nothing")
	}
	root := sqrtMinusOne()
	malicious := func(mod *big.Int, in, out []*big.Int) error {
		if in[0].Sign() == 0 && in[1].Sign() == 0 {
			out[0].Set(root)
			return nil
		}
		return divHint(mod, in, out)
	}
	proof, err := groth16.Prove(ccs, pk, w, backend.WithSolverOptions(solver.OverrideHint(solver.GetHintID(divHint), malicious)))
	if err != nil {
		t.Fatalf("the malicious quotient did not forge the unchecked gadget: %v", err)
	}
	public, _ := w.Public()
	if err := groth16.Verify(proof, vk, public); err != nil {
		t.Fatalf("the forged proof does not verify: %v", err)
	}
}
