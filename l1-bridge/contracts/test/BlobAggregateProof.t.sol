// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Vm, console} from "forge-std/Test.sol";
import {BlobData} from "../src/BlobData.sol";
import {BridgeRoles} from "../src/BridgeRoles.sol";
import {IVerifier} from "../src/IVerifier.sol";
import {SettlementBlobBridge} from "../src/SettlementBlobBridge.sol";
import {SettlementBridge} from "../src/SettlementBridge.sol";
import {SettlementData as D} from "../src/SettlementData.sol";
import {PublicDataHarness} from "./SettlementProof.t.sol";
import {SettlementBlobSetUp} from "./SettlementBlobSetUp.sol";
import {BlobAggregateFixture as A} from "./fixtures/BlobAggregateFixture.sol";
import {BlobAggregateVerifier} from "./fixtures/BlobAggregateVerifier.sol";
import {SettlementBlobFixture as B} from "./fixtures/SettlementBlobFixture.sol";

/// A real aggregate over -blob inner proofs (`scripts/gen-fixtures.sh -only aggregate-blob`): one
/// proof that batch 1 of the TinyOwnerBlob chain is valid, its inner proof made with
/// agg.ProveInner under the inner key the aggregate holds. The blob bridge of SettlementBlobSetUp
/// (SettlementBlobVerifier for single batches) with BlobAggregateVerifier installed by governance
/// for K segments takes it through submitBlobBatches with the batch's real blob and KZG opening.
contract BlobAggregateProofTest is SettlementBlobSetUp {
    SettlementBlobBridge internal blobBridge;
    BlobAggregateVerifier internal verifier;
    PublicDataHarness internal harness;

    function setUp() public override {
        super.setUp();
        deployBlobBridge();
        blobBridge = SettlementBlobBridge(address(bridge));
        verifier = new BlobAggregateVerifier();
        harness = new PublicDataHarness();
        install(A.K);
    }

    function install(uint256 k) internal {
        vm.prank(address(bridge.governance()));
        bridge.setAggregateVerifier(IVerifier(address(verifier)), k);
    }

    /// The aggregate's blobs: batch n's opening for each segment n, in order.
    function openings() internal pure returns (SettlementBlobBridge.Blob memory blob) {
        for (uint256 i = 0; i < A.K; i++) {
            B.Batch memory b = B.batch(A.FIRST_BATCH + i);
            blob.commitment = bytes.concat(blob.commitment, b.blobCommitment);
            blob.proof = bytes.concat(blob.proof, b.blobProof);
        }
    }

    /// Makes the next call's transaction carry the segments' blobs, in order.
    function carrySegments() internal {
        bytes32[] memory hashes = new bytes32[](A.K);
        for (uint256 i = 0; i < A.K; i++) {
            hashes[i] = versionedHash(A.FIRST_BATCH + i);
        }
        vm.blobhashes(hashes);
    }

    function submitAggregate(uint256[] memory d, uint256 c, bytes memory proof) internal {
        vm.prank(OPERATOR);
        blobBridge.submitBlobBatches(d, c, proof, openings());
    }

    function test_verifierIsBoundToTheFixturesKeys() public view {
        assertEq(verifier.verifyingKeyHash(), A.AGG_VK_HASH);
        assertEq(bridge.aggregateSegments(), A.K);
    }

    /// D is SettlementBlobFixture's batches in order: the same chain, the same blobs.
    function test_aggregateDataIsTheBlobChainsBatches() public pure {
        uint256[] memory d = A.aggregateData();
        assertEq(d.length, A.K * A.SEGMENT_LENGTH);
        for (uint256 i = 0; i < A.K; i++) {
            uint256[] memory segment = B.batch(A.FIRST_BATCH + i).publicData;
            assertEq(segment.length, A.SEGMENT_LENGTH);
            for (uint256 j = 0; j < A.SEGMENT_LENGTH; j++) {
                assertEq(d[i * A.SEGMENT_LENGTH + j], segment[j]);
            }
        }
    }

    function test_solidityDerivesTheChallengeAndEvaluationGoDerived() public view {
        (uint256 z, uint256 y) = harness.bind(A.AGG_COMMITMENT, A.aggregateData());
        assertEq(z, A.AGG_CHALLENGE);
        assertEq(y, A.AGG_EVALUATION);
    }

    /// The gas it logs is measured as AggregateProofTest measures the Tiny aggregate's.
    function test_verifiesTheAggregateProof() public view {
        (uint256 z, uint256 y) = harness.bind(A.AGG_COMMITMENT, A.aggregateData());
        uint256[3] memory input = [A.AGG_COMMITMENT, z, y];
        bytes memory proof = A.AGG_PROOF;
        assertEq(proof.length, 384, "one Groth16 commitment");
        uint256 before = gasleft();
        verifier.verifyProof(proof, input);
        console.log(
            "blob aggregate verifyProof (3 public inputs, 1 commitment) gas:", before - gasleft()
        );
    }

    /// What an accepted batch leaves on the bridge.
    function stateDigest() internal view returns (bytes32) {
        return keccak256(
            abi.encode(
                bridge.stateRoot(),
                bridge.batchCount(),
                bridge.lastBatchTime(),
                bridge.depositsConsumed(),
                bridge.requestsServed(),
                bridge.marketRow(0),
                bridge.marketRow(1)
            )
        );
    }

    /// The aggregate of batch 1 leaves the bridge and its logs exactly as the same batch submitted
    /// alone with its single-batch proof (submitBlobBatch) from the same state; batch 2 then follows
    /// alone with its real proof.
    function test_acceptsTheRealAggregateAsTheSingleBlobBatch() public {
        uint256 snap = vm.snapshotState();
        B.Batch memory b = B.batch(1);
        carry(versionedHash(1));
        vm.recordLogs();
        vm.prank(OPERATOR);
        blobBridge.submitBlobBatch(b.publicData, b.commitment, b.proof, opening(1));
        Vm.Log[] memory single = vm.getRecordedLogs();
        bytes32 alone = stateDigest();
        vm.revertToState(snap);

        carrySegments();
        vm.expectEmit(address(bridge));
        emit SettlementBlobBridge.OwnerDataBlob(1, versionedHash(1));
        vm.recordLogs(); // after the expected event, which the test contract emits itself
        submitAggregate(A.aggregateData(), A.AGG_COMMITMENT, A.AGG_PROOF);
        Vm.Log[] memory aggregated = vm.getRecordedLogs();
        assertEq(aggregated.length, single.length, "log count");
        for (uint256 i = 0; i < single.length; i++) {
            assertEq(aggregated[i].emitter, single[i].emitter, "emitter");
            assertEq(aggregated[i].topics, single[i].topics, "topics");
            assertEq(aggregated[i].data, single[i].data, "data");
        }
        assertEq(stateDigest(), alone, "state");
        assertEq(bridge.stateRoot(), B.batch(A.K).newRoot);
        assertEq(bridge.batchCount(), A.K);

        B.Batch memory next = B.batch(A.K + 1);
        carry(versionedHash(A.K + 1));
        vm.prank(OPERATOR);
        blobBridge.submitBlobBatch(next.publicData, next.commitment, next.proof, opening(A.K + 1));
        assertEq(bridge.stateRoot(), next.newRoot);
    }

    /// Batch 2's blob section (versioned hash, z, y) in place of batch 1's, batch 2's blob carried
    /// and honestly opened at its z: every blob check of the bridge passes, Z and Y are derived for
    /// the changed D, and the proof, made for batch 1's blob, is refused.
    function test_refusesTheProofForAnotherBlob() public {
        uint256[] memory d = A.aggregateData();
        uint256[] memory other = B.batch(2).publicData;
        uint256 at = D.blobSectionAt(blobLayout());
        for (uint256 i = at; i < at + D.BLOB_SECTION; i++) {
            d[i] = other[i];
        }
        carry(versionedHash(2));
        SettlementBlobBridge.Blob memory blob = opening(2);
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        vm.prank(OPERATOR);
        blobBridge.submitBlobBatches(d, A.AGG_COMMITMENT, A.AGG_PROOF, blob);
    }

    /// The versioned hash in the data changed to batch 2's blob, which the transaction carries,
    /// with batch 1's z, y and opening: refused at the blob (the opening is batch 1's blob's).
    function test_refusesAnotherCarriedBlob() public {
        carry(versionedHash(2));
        vm.expectPartialRevert(BlobData.BlobOpeningRefused.selector);
        submitAggregate(A.aggregateData(), A.AGG_COMMITMENT, A.AGG_PROOF);
    }

    /// Batch 1's blob carried and opened, the data naming batch 2's versioned hash.
    function test_refusesAVersionedHashThatIsNotTheCarriedBlobs() public {
        uint256[] memory d = A.aggregateData();
        uint256 at = D.blobSectionAt(blobLayout());
        d[at] = B.batch(2).publicData[at];
        d[at + 1] = B.batch(2).publicData[at + 1];
        carrySegments();
        vm.expectRevert(
            abi.encodeWithSelector(SettlementBlobBridge.WrongBlob.selector, 0, versionedHash(1))
        );
        submitAggregate(d, A.AGG_COMMITMENT, A.AGG_PROOF);
    }

    /// Data no rule of the bridge checks, changed in the segment: a withdrawal of 1 in its empty
    /// slot (the bridge would credit it), BTC's mark moved by 1. Z and Y derived for the changed
    /// D: the proof is refused.
    function test_refusesChangedSegmentData() public {
        uint256[2] memory at = [D.withdrawalsAt(blobLayout()), D.marketsAt(blobLayout())];
        uint256[2] memory delta = [uint256(1) << 160 | uint160(OPERATOR), uint256(1) << 80];
        for (uint256 i = 0; i < at.length; i++) {
            uint256[] memory d = A.aggregateData();
            d[at[i]] += delta[i];
            carrySegments();
            vm.expectRevert(BridgeRoles.InvalidProof.selector);
            submitAggregate(d, A.AGG_COMMITMENT, A.AGG_PROOF);
        }
    }

    /// Batch 1's single-batch proof (the bridge's keccak hash-to-field, valid under
    /// SettlementBlobVerifier) given to the aggregate verifier, with the batch's own public inputs
    /// (its Groth16 commitment's proof of knowledge fails under the aggregate's key), through the
    /// bridge with the batch's own commitment and with the aggregate's: refused. And the aggregate
    /// proof given to the single-batch path.
    function test_refusesTheSingleBatchProofOfTheSameBatch() public {
        B.Batch memory b = B.batch(1);
        vm.expectRevert(BlobAggregateVerifier.CommitmentInvalid.selector);
        verifier.verifyProof(b.proof, [b.commitment, b.challenge, b.evaluation]);
        uint256[2] memory commitments = [b.commitment, A.AGG_COMMITMENT];
        for (uint256 i = 0; i < commitments.length; i++) {
            carrySegments();
            vm.expectRevert(BridgeRoles.InvalidProof.selector);
            submitAggregate(A.aggregateData(), commitments[i], b.proof);
        }
        carry(versionedHash(1));
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        vm.prank(OPERATOR);
        blobBridge.submitBlobBatch(b.publicData, A.AGG_COMMITMENT, A.AGG_PROOF, opening(1));
    }

    function test_anAcceptedAggregateCannotBeReplayed() public {
        carrySegments();
        submitAggregate(A.aggregateData(), A.AGG_COMMITMENT, A.AGG_PROOF);
        carrySegments();
        vm.expectRevert(
            abi.encodeWithSelector(SettlementBridge.WrongBatchNumber.selector, A.K + 1, 1)
        );
        submitAggregate(A.aggregateData(), A.AGG_COMMITMENT, A.AGG_PROOF);
        assertEq(bridge.batchCount(), A.K);
    }

    /// The verifier installed for K + 1 segments: the aggregate's own data has the wrong length,
    /// and batches 1 .. K + 1 with their blobs (each opening honestly) are refused by the proof.
    function test_theVerifierInstalledForAnotherSegmentCountIsRefused() public {
        install(A.K + 1);
        uint256 n = A.SEGMENT_LENGTH;
        carrySegments();
        vm.expectRevert(
            abi.encodeWithSelector(
                SettlementBridge.WrongPublicDataLength.selector, (A.K + 1) * n, A.K * n
            )
        );
        submitAggregate(A.aggregateData(), A.AGG_COMMITMENT, A.AGG_PROOF);

        uint256[] memory d = new uint256[]((A.K + 1) * n);
        bytes32[] memory hashes = new bytes32[](A.K + 1);
        SettlementBlobBridge.Blob memory blob;
        for (uint256 i = 0; i <= A.K; i++) {
            B.Batch memory b = B.batch(A.FIRST_BATCH + i);
            for (uint256 j = 0; j < n; j++) {
                d[i * n + j] = b.publicData[j];
            }
            hashes[i] = versionedHash(A.FIRST_BATCH + i);
            blob.commitment = bytes.concat(blob.commitment, b.blobCommitment);
            blob.proof = bytes.concat(blob.proof, b.blobProof);
        }
        vm.blobhashes(hashes);
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        vm.prank(OPERATOR);
        blobBridge.submitBlobBatches(d, A.AGG_COMMITMENT, A.AGG_PROOF, blob);
    }
}
