package settlement

import (
	"github.com/consensys/gnark/constraint/solver"

	"sable/circuits/gadget"
)

func init() {
	solver.RegisterHint(lowerMedianHint, quotientHint)
}

// LowerMedianHintID names the median hint (tests replace it with a malicious one).
func LowerMedianHintID() solver.HintID { return solver.GetHintID(lowerMedianHint) }

// LessOrEqualHintID names the comparison hint of package gadget.
func LessOrEqualHintID() solver.HintID { return gadget.LessOrEqualHintID() }
