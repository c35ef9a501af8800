package settlement

import "github.com/consensys/gnark/constraint/solver"

func init() {
	solver.RegisterHint(lowerMedianHint, quotientHint)
}
