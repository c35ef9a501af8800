// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Test, console} from "forge-std/Test.sol";
import {PublicDataHarness} from "./SettlementProof.t.sol";
import {AggregateVerifier} from "./fixtures/AggregateVerifier.sol";
import {AggregateInnerVerifier} from "./fixtures/AggregateInnerVerifier.sol";
import {AggregateFixture as F} from "./fixtures/AggregateFixture.sol";
import {SettlementFixture} from "./fixtures/SettlementFixture.sol";

/// A real aggregate proof (circuits/agg, circuits/cmd/fixtures) checked on the EVM with the public
/// inputs (C, Z, Y) derived from D exactly as for one batch (PublicData.sol): one proof that batches
/// 1 and 2 of the fixture chain are each valid (docs/aggregation.md).
contract AggregateProofTest is Test {
    AggregateVerifier internal verifier;
    PublicDataHarness internal harness;

    function setUp() public {
        verifier = new AggregateVerifier();
        harness = new PublicDataHarness();
    }

    function inputs(uint256[] memory d) internal view returns (uint256[3] memory) {
        (uint256 z, uint256 y) = harness.bind(F.AGG_COMMITMENT, d);
        return [F.AGG_COMMITMENT, z, y];
    }

    function test_verifierIsBoundToTheFixturesKeys() public view {
        assertEq(verifier.verifyingKeyHash(), F.AGG_VK_HASH);
    }

    /// D is the segments' public data in order, and the same batches as SettlementFixture's.
    function test_aggregateDataIsTheBatchesDataInOrder() public pure {
        uint256[] memory d = F.aggregateData();
        assertEq(d.length, F.K * F.SEGMENT_LENGTH);
        for (uint256 i = 0; i < F.K; i++) {
            uint256[] memory segment = F.batch(F.FIRST_BATCH + i).publicData;
            uint256[] memory same = SettlementFixture.batch(F.FIRST_BATCH + i).publicData;
            assertEq(segment.length, F.SEGMENT_LENGTH);
            for (uint256 j = 0; j < F.SEGMENT_LENGTH; j++) {
                assertEq(d[i * F.SEGMENT_LENGTH + j], segment[j]);
                assertEq(segment[j], same[j]);
            }
        }
    }

    function test_solidityDerivesTheChallengeAndEvaluationGoDerived() public view {
        (uint256 z, uint256 y) = harness.bind(F.AGG_COMMITMENT, F.aggregateData());
        assertEq(z, F.AGG_CHALLENGE);
        assertEq(y, F.AGG_EVALUATION);
    }

    function test_verifiesTheAggregateProof() public view {
        uint256[3] memory input = inputs(F.aggregateData());
        bytes memory proof = F.AGG_PROOF;
        assertEq(proof.length, 384, "one Groth16 commitment");
        uint256 before = gasleft();
        verifier.verifyProof(proof, input);
        console.log(
            "aggregate verifyProof (3 public inputs, 1 commitment) gas:", before - gasleft()
        );
    }

    /// The chain's batch proofs verify on their own under the inner key the aggregate holds (the
    /// generator proves batches 1 and 2 again for the aggregate with agg.ProveInner: for this
    /// circuit, without a Groth16 commitment, proofs of the same kind).
    function test_innerProofsVerifyUnderTheInnerKey() public {
        AggregateInnerVerifier inner = new AggregateInnerVerifier();
        for (uint256 n = 1; n <= F.BATCHES; n++) {
            F.Batch memory b = F.batch(n);
            inner.verifyProof(b.proof, [b.commitment, b.challenge, b.evaluation]);
        }
    }

    /// One element of segment 2 changed (its withdrawal), Z and Y derived for the changed D.
    function test_rejectsAChangedElementOfTheSecondSegment() public {
        uint256[] memory d = F.aggregateData();
        d[F.SEGMENT_LENGTH + 9 + 3 * F.DEPOSIT_SLOTS] += 1;
        uint256[3] memory input = inputs(d);
        vm.expectRevert(AggregateVerifier.ProofInvalid.selector);
        verifier.verifyProof(F.AGG_PROOF, input);
    }

    /// The two segments swapped.
    function test_rejectsTheSegmentsInAnotherOrder() public {
        uint256[] memory d = F.aggregateData();
        uint256[] memory swapped = new uint256[](d.length);
        for (uint256 j = 0; j < F.SEGMENT_LENGTH; j++) {
            swapped[j] = d[F.SEGMENT_LENGTH + j];
            swapped[F.SEGMENT_LENGTH + j] = d[j];
        }
        uint256[3] memory input = inputs(swapped);
        vm.expectRevert(AggregateVerifier.ProofInvalid.selector);
        verifier.verifyProof(F.AGG_PROOF, input);
    }

    /// An inner batch proof is not an aggregate proof: batch 2's proof and inputs are refused.
    function test_rejectsASingleBatchProof() public {
        F.Batch memory b = F.batch(2);
        vm.expectRevert();
        verifier.verifyProof(b.proof, [b.commitment, b.challenge, b.evaluation]);
    }
}
