// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {SettlementBridge} from "../src/SettlementBridge.sol";
import {BridgeRoles} from "../src/BridgeRoles.sol";
import {IVerifier} from "../src/IVerifier.sol";
import {PublicData} from "../src/PublicData.sol";
import {SettlementData as D} from "../src/SettlementData.sol";
import {SettlementOwnerSetUp} from "./SettlementOwnerSetUp.sol";
import {SettlementOwnerFixture as O} from "./fixtures/SettlementOwnerFixture.sol";
import {SettlementPortfolioFixture as P} from "./fixtures/SettlementPortfolioFixture.sol";
import {SettlementPortfolioVerifier} from "./fixtures/SettlementPortfolioVerifier.sol";

/// A bridge whose layout has the risk commitment (a -pm circuit's verifier) accepts the real
/// proofs of the portfolio chain, publishes each batch's commitment, and refuses a batch whose
/// commitment differs from the proven one or whose data has another layout.
contract SettlementPortfolioTest is SettlementOwnerSetUp {
    function portfolioLayout() internal pure returns (D.Layout memory) {
        return
            D.Layout(P.DEPOSIT_SLOTS, P.WITHDRAWAL_SLOTS, P.MARKET_ROWS, 0, 0, P.ACCOUNT_ROWS, true);
    }

    function riskAt() internal pure returns (uint256) {
        return D.riskCommitmentAt(portfolioLayout());
    }

    function deployPortfolioBridge(D.Layout memory layout) internal {
        deployAtFixtureAddress(
            IVerifier(address(new SettlementPortfolioVerifier())), layout, P.GENESIS_ROOT
        );
    }

    /// The portfolio chain consumes the owner chain's deposits, which deployAtFixtureAddress
    /// queues: the same records.
    function test_theChainConsumesTheOwnerChainsDeposits() public pure {
        assertEq(keccak256(abi.encode(P.deposits())), keccak256(abi.encode(O.deposits())));
    }

    /// The commitment is one element after the owner data: nothing else moves.
    function test_theRiskCommitmentIsTheLastElement() public pure {
        assertEq(riskAt(), D.length(ownerLayout()));
        for (uint256 n = 1; n <= P.BATCHES; n++) {
            uint256[] memory d = P.batch(n).publicData;
            assertEq(d.length, D.length(portfolioLayout()));
            assertEq(d.length, riskAt() + 1);
            assertTrue(d[riskAt()] != 0, "a batch with a market row commits to its risk row");
        }
    }

    function test_acceptsTheChainsRealProofsAndPublishesEachCommitment() public {
        deployPortfolioBridge(portfolioLayout());
        assertTrue(bridge.layout().riskCommitment);
        for (uint256 n = 1; n <= P.BATCHES; n++) {
            P.Batch memory b = P.batch(n);
            vm.expectEmit(address(bridge));
            emit SettlementBridge.RiskCommitted(n, b.publicData[riskAt()]);
            submit(b.publicData, b.commitment, b.proof);
            assertEq(bridge.stateRoot(), b.newRoot);
        }
        assertEq(bridge.batchCount(), P.BATCHES);
    }

    /// The attack: the risk rows a batch was checked at swapped for others, i.e. the published
    /// commitment changed in one bit (bit 0 and bit 200). The proof binds every element.
    function test_refusesARiskCommitmentChangedInOneBit() public {
        deployPortfolioBridge(portfolioLayout());
        P.Batch memory b = P.batch(1);
        uint256[2] memory bits = [uint256(1), uint256(2) ** 200];
        for (uint256 i = 0; i < bits.length; i++) {
            uint256[] memory d = P.batch(1).publicData;
            d[riskAt()] ^= bits[i];
            assertLt(d[riskAt()], PublicData.R);
            vm.expectRevert(BridgeRoles.InvalidProof.selector);
            submit(d, b.commitment, b.proof);
        }
        submit(b.publicData, b.commitment, b.proof);
        assertEq(bridge.stateRoot(), b.newRoot);
    }

    /// A bridge whose layout lacks the element (a plain owner-data circuit's) refuses the -pm
    /// batch before any verifier runs, even with the -pm verifier installed.
    function test_aBridgeWithoutTheElementRefusesAPortfolioBatch() public {
        deployPortfolioBridge(ownerLayout());
        P.Batch memory b = P.batch(1);
        expectWrongLength(D.length(ownerLayout()), b.publicData.length);
        submit(b.publicData, b.commitment, b.proof);
    }

    /// The owner chain's batch, proven without the element: the -pm layout refuses it.
    function test_aPortfolioBridgeRefusesABatchWithoutTheElement() public {
        deployPortfolioBridge(portfolioLayout());
        O.Batch memory b = O.batch(1);
        expectWrongLength(D.length(portfolioLayout()), b.publicData.length);
        submit(b.publicData, b.commitment, b.proof);
    }

    /// The -pm batch with its commitment dropped (the length a layout without the element wants):
    /// the data the proof is about is not the data given.
    function test_refusesAPortfolioBatchWithItsCommitmentDropped() public {
        deployPortfolioBridge(ownerLayout());
        P.Batch memory b = P.batch(1);
        uint256[] memory d = new uint256[](riskAt());
        for (uint256 i = 0; i < d.length; i++) {
            d[i] = b.publicData[i];
        }
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        submit(d, b.commitment, b.proof);
    }
}
