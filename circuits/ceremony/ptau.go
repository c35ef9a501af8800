package ceremony

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fp"
	gnarkmpc "github.com/consensys/gnark-crypto/ecc/bn254/mpcsetup"
	"github.com/consensys/gnark/backend/groth16/bn254/mpcsetup"
)

// The sections of a snarkjs powers-of-tau file (.ptau, the format of the Perpetual Powers of Tau)
// that hold the current parameters; later sections (contributions, Lagrange forms) are not read.
const (
	ptauHeader    = 1
	ptauTauG1     = 2
	ptauTauG2     = 3
	ptauAlphaTau  = 4
	ptauBetaTauG1 = 5
	ptauBetaG2    = 6
	ptauFieldSize = 32
)

// importPtau reads the phase 1 parameters for domain size n from a .ptau file and checks that
// they are a well-formed powers-of-tau SRS: every point on its curve and in its subgroup, the
// first powers the generators, all sequences powers of one τ, and one β in both groups. The
// file's own transcript (its contributions' proofs) is not verified here: that is the job of the
// tool that made it (`snarkjs powersoftau verify`), and the file's SHA-256 is recorded.
func importPtau(path string, n uint64) (mpcsetup.SrsCommons, error) {
	var c mpcsetup.SrsCommons
	f, err := os.Open(path)
	if err != nil {
		return c, err
	}
	defer f.Close()
	sections, err := ptauSections(f)
	if err != nil {
		return c, fmt.Errorf("%s: %w", path, err)
	}
	power, err := ptauPower(f, sections)
	if err != nil {
		return c, fmt.Errorf("%s: %w", path, err)
	}
	if uint64(1)<<power < n {
		return c, fmt.Errorf("%s holds powers for a domain of %d, the circuit needs %d", path, uint64(1)<<power, n)
	}
	read := func(section int, count uint64, g2 bool) (any, error) {
		if _, err := f.Seek(sections[section], io.SeekStart); err != nil {
			return nil, err
		}
		r := bufio.NewReaderSize(f, 1<<20)
		if g2 {
			points := make([]bn254.G2Affine, count)
			for i := range points {
				if err := readG2(r, &points[i]); err != nil {
					return nil, fmt.Errorf("%s: section %d, point %d: %w", path, section, i, err)
				}
			}
			return points, nil
		}
		points := make([]bn254.G1Affine, count)
		for i := range points {
			if err := readG1(r, &points[i]); err != nil {
				return nil, fmt.Errorf("%s: section %d, point %d: %w", path, section, i, err)
			}
		}
		return points, nil
	}
	parts := []struct {
		section int
		count   uint64
		g2      bool
		into    any
	}{
		{ptauTauG1, 2*n - 1, false, &c.G1.Tau}, {ptauTauG2, n, true, &c.G2.Tau},
		{ptauAlphaTau, n, false, &c.G1.AlphaTau}, {ptauBetaTauG1, n, false, &c.G1.BetaTau},
	}
	for _, p := range parts {
		points, err := read(p.section, p.count, p.g2)
		if err != nil {
			return c, err
		}
		switch into := p.into.(type) {
		case *[]bn254.G1Affine:
			*into = points.([]bn254.G1Affine)
		case *[]bn254.G2Affine:
			*into = points.([]bn254.G2Affine)
		}
	}
	beta, err := read(ptauBetaG2, 1, true)
	if err != nil {
		return c, err
	}
	c.G2.Beta = beta.([]bn254.G2Affine)[0]
	if err := checkSRS(&c); err != nil {
		return c, fmt.Errorf("%s is not a consistent powers-of-tau file: %w", path, err)
	}
	return c, nil
}

// ptauSections reads the section table: type -> offset of its data.
func ptauSections(f *os.File) (map[int]int64, error) {
	var head struct {
		Magic    [4]byte
		Version  uint32
		Sections uint32
	}
	if err := binary.Read(f, binary.LittleEndian, &head); err != nil || string(head.Magic[:]) != "ptau" {
		return nil, errors.New("not a .ptau file")
	}
	offsets := map[int]int64{}
	pos := int64(12)
	for i := uint32(0); i < head.Sections; i++ {
		var s struct {
			Type uint32
			Size uint64
		}
		if err := binary.Read(f, binary.LittleEndian, &s); err != nil {
			return nil, fmt.Errorf("section table: %w", err)
		}
		pos += 12
		offsets[int(s.Type)] = pos
		if pos, _ = f.Seek(int64(s.Size), io.SeekCurrent); pos < 0 {
			return nil, errors.New("section table: bad size")
		}
	}
	for _, t := range []int{ptauHeader, ptauTauG1, ptauTauG2, ptauAlphaTau, ptauBetaTauG1, ptauBetaG2} {
		if _, ok := offsets[t]; !ok {
			return nil, fmt.Errorf("section %d is missing", t)
		}
	}
	return offsets, nil
}

// ptauPower reads the header: 32-byte field elements of BN254's base field, and the file's power.
func ptauPower(f *os.File, sections map[int]int64) (uint32, error) {
	if _, err := f.Seek(sections[ptauHeader], io.SeekStart); err != nil {
		return 0, err
	}
	var n8 uint32
	if err := binary.Read(f, binary.LittleEndian, &n8); err != nil || n8 != ptauFieldSize {
		return 0, errors.New("not a BN254 (bn128) file")
	}
	q := make([]byte, ptauFieldSize)
	if _, err := io.ReadFull(f, q); err != nil || leInt(q).Cmp(fp.Modulus()) != 0 {
		return 0, errors.New("not a BN254 (bn128) file")
	}
	var power uint32
	if err := binary.Read(f, binary.LittleEndian, &power); err != nil || power > 40 {
		return 0, errors.New("unreadable power")
	}
	return power, nil
}

func leInt(b []byte) *big.Int {
	be := make([]byte, len(b))
	for i := range b {
		be[len(b)-1-i] = b[i]
	}
	return new(big.Int).SetBytes(be)
}

// readFp reads a base field element as snarkjs stores it: Montgomery form, little-endian, which is
// gnark-crypto's own in-memory representation.
func readFp(r io.Reader, e *fp.Element) error {
	var b [ptauFieldSize]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return err
	}
	if leInt(b[:]).Cmp(fp.Modulus()) >= 0 {
		return errors.New("coordinate not reduced")
	}
	for i := range e {
		e[i] = binary.LittleEndian.Uint64(b[8*i:])
	}
	return nil
}

func readG1(r io.Reader, p *bn254.G1Affine) error {
	for _, e := range []*fp.Element{&p.X, &p.Y} {
		if err := readFp(r, e); err != nil {
			return err
		}
	}
	if p.IsInfinity() || !p.IsOnCurve() || !p.IsInSubGroup() {
		return errors.New("not a point of G1")
	}
	return nil
}

func readG2(r io.Reader, p *bn254.G2Affine) error {
	for _, e := range []*fp.Element{&p.X.A0, &p.X.A1, &p.Y.A0, &p.Y.A1} {
		if err := readFp(r, e); err != nil {
			return err
		}
	}
	if p.IsInfinity() || !p.IsOnCurve() || !p.IsInSubGroup() {
		return errors.New("not a point of G2")
	}
	return nil
}

// checkSRS checks that c holds powers of one τ (in both groups, and times one α and one β), that
// its first powers are the generators, and that [β]₁ and [β]₂ agree.
func checkSRS(c *mpcsetup.SrsCommons) error {
	_, _, g1, g2 := bn254.Generators()
	if !c.G1.Tau[0].Equal(&g1) || !c.G2.Tau[0].Equal(&g2) {
		return errors.New("the first powers are not the generators")
	}
	if err := gnarkmpc.SameRatioMany(c.G1.Tau, c.G2.Tau, c.G1.AlphaTau, c.G1.BetaTau); err != nil {
		return fmt.Errorf("the sequences are not powers of one τ: %w", err)
	}
	var negG1 bn254.G1Affine
	negG1.Neg(&g1)
	ok, err := bn254.PairingCheck([]bn254.G1Affine{c.G1.BetaTau[0], negG1}, []bn254.G2Affine{g2, c.G2.Beta})
	if err != nil || !ok {
		return errors.New("[β]₁ and [β]₂ differ")
	}
	return nil
}
