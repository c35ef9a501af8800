package settlement

import (
	"github.com/consensys/gnark/frontend"

	"sable/circuits/gadget"
	"sable/circuits/ledger"
)

// bindPublicData assembles the public data d (docs/settlement.md, "Public data") and binds it: the
// commitment c = H(TAG_PUBDATA, d...) and the evaluation y = sum d_i z^i at the challenge z the
// bridge derives from its calldata and c.
func (b *batch) bindPublicData(accountsRoot, marketsRoot frontend.Variable) error {
	api, hd := b.api, &b.c.Header
	gadget.Range(api, b.feePool, 63)
	gadget.Signed(api, b.fundingPool)
	deposits := api.Add(hd.DepositCount, hd.Deposits)
	newRoot := b.h.Hash(tagState, accountsRoot, marketsRoot, b.feePool, b.fundingPool, hd.BatchTime, deposits)

	d := []frontend.Variable{hd.ChainID, hd.Contract, hd.BatchNumber, hd.BatchTime, b.oldRoot, newRoot,
		hd.DepositCount, hd.Deposits}
	for i := range b.c.Deposits {
		dep := &b.c.Deposits[i]
		d = append(d, pack(api, lane{dep.Account, 0}, lane{dep.Amount, 24}, lane{dep.Sender, 88}), dep.Key.X, dep.Key.Y)
	}
	d = append(d, b.refundBits)
	d = append(d, b.withdrawalData...)
	for j, r := range b.marketRows {
		m := r.m
		lanes := []lane{{m.ID, 0}, {m.Tick, 8}, {r.valid, 9}, {offset63(api, m.Rate), 16}, {b.storedMark(r), 80},
			{offset63(api, r.index), 144}}
		if b.options() {
			lanes = append(lanes, lane{r.option, ledger.OptionElementBit}, lane{b.c.Options[j].Vol, ledger.OptionVolShift})
		}
		if b.risk != nil {
			lanes = append(lanes, lane{b.c.Risk[j].RangePpm, ledger.RangeShift}) // 0 on an option row (loadRisk)
		}
		d = append(d, api.Mul(m.Used, pack(api, lanes...)))
	}
	d = append(d, b.stepData...)
	d = append(d, b.requestData...)
	if b.c.Caps().OwnerData {
		owner, err := b.ownerData(accountsRoot, marketsRoot)
		if err != nil {
			return err
		}
		d = append(d, owner...)
	}
	if b.risk != nil {
		d = append(d, b.riskCommitment)
	}
	api.AssertIsEqual(b.h.Hash(append([]frontend.Variable{tagPublicData}, d...)...), b.c.Commitment)
	var y frontend.Variable = 0
	for i := len(d) - 1; i >= 0; i-- {
		y = api.Add(api.Mul(y, b.c.Challenge), d[i])
	}
	api.AssertIsEqual(y, b.c.Evaluation)
	return nil
}
