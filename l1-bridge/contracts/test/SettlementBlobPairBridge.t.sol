// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {BlobData} from "../src/BlobData.sol";
import {SettlementBlobBridge} from "../src/SettlementBlobBridge.sol";
import {SettlementBlobPairBridge as P} from "../src/SettlementBlobPairBridge.sol";
import {SettlementData as D} from "../src/SettlementData.sol";
import {GasScaleSetUp} from "./GasScale.t.sol";
import {GasScaleFixture as G} from "./fixtures/GasScaleFixture.sol";

/// Attacks on SettlementBlobPairBridge: an aggregate of 4 pair segments (batches 2 to 5 in the
/// blobs of GasScaleFixture's pairs 1 and 2, real KZG openings), each rule broken once. Batch 1 went
/// alone in pair 0's slot 0 (setUp: a one-segment aggregate, slot 1 empty).
contract SettlementBlobPairBridgeTest is GasScaleSetUp {
    /// Offsets in a pair section.
    uint256 internal constant VH_HI = 0;
    uint256 internal constant VH_LO = 1;
    uint256 internal constant Z = 2;
    uint256 internal constant SLOT = 3;
    uint256 internal constant Y_HI = 4;
    uint256 internal constant Y_LO = 5;

    function shape() internal pure override returns (Shape memory) {
        return Shape(4, true, true, true);
    }

    function at(uint256 segment, uint256 field) internal pure returns (uint256) {
        return segment * G.PAIR_LENGTH + D.blobSectionAt(layout()) + field;
    }

    function shareOf(uint256[] memory all, uint256 segment) internal pure returns (uint256) {
        return all[at(segment, Y_HI)] << 128 | all[at(segment, Y_LO)];
    }

    function setShare(uint256[] memory all, uint256 segment, uint256 y) internal pure {
        all[at(segment, Y_HI)] = y >> 128;
        all[at(segment, Y_LO)] = y & type(uint128).max;
    }

    function vh(uint256 pair) internal pure returns (bytes32) {
        uint256[7] memory s = G.pair(pair).sections[0];
        return bytes32(s[0] << 128 | s[1]);
    }

    function submit(uint256[] memory all) internal {
        vm.blobhashes(hashes(2, 4));
        vm.prank(OPERATOR);
        bridge.submitBlobBatches(all, 0, "", openings(2, 4));
    }

    function test_pairsAreAcceptedEachBlobOpenedOnce() public {
        vm.expectEmit(address(bridge));
        emit SettlementBlobBridge.OwnerDataBlob(2, vh(1));
        vm.expectEmit(address(bridge));
        emit SettlementBlobBridge.OwnerDataBlob(3, vh(1));
        vm.expectEmit(address(bridge));
        emit SettlementBlobBridge.OwnerDataBlob(4, vh(2));
        vm.expectEmit(address(bridge));
        emit SettlementBlobBridge.OwnerDataBlob(5, vh(2));
        submit(aggregateData());
        assertEq(bridge.batchCount(), 5);
        assertEq(bridge.stateRoot(), root(5));
    }

    function test_aPairSegmentAloneIsRefused() public {
        vm.blobhashes(hashes(2, 1));
        vm.prank(OPERATOR);
        vm.expectRevert(P.PairSegmentsNeedAnAggregate.selector);
        bridge.submitBlobBatch(batch(2), 0, "", openings(2, 1));
    }

    function test_slotOneFirstIsRefused() public {
        uint256[] memory all = aggregateData();
        all[at(0, SLOT)] = 1;
        vm.expectRevert(abi.encodeWithSelector(P.SlotOneUnpaired.selector, 0));
        submit(all);
    }

    function test_slotOneAloneIsRefused() public {
        uint256[] memory all = aggregateData();
        all[at(2, SLOT)] = 1; // slots 0, 1, 1, 1: segment 2 follows a slot-1 segment
        vm.expectRevert(abi.encodeWithSelector(P.SlotOneUnpaired.selector, 2));
        submit(all);
    }

    function test_aSlotAboveOneIsRefused() public {
        uint256[] memory all = aggregateData();
        all[at(1, SLOT)] = 2;
        vm.expectRevert(abi.encodeWithSelector(P.SlotOutOfRange.selector, 1, 2));
        submit(all);
    }

    /// Segment 1 moved to slot 0 of pair 1's blob beside segment 0, with the whole blob's value as
    /// its share (so its own opening holds), the blob carried twice: refused as opened twice.
    function test_twoSlotZeroSegmentsOnOneBlobAreRefused() public {
        uint256[] memory all = aggregateData();
        all[at(1, SLOT)] = 0;
        setShare(all, 1, addmod(shareOf(all, 0), shareOf(all, 1), BlobData.BLS_MODULUS));
        setShare(all, 0, shareOf(all, 1));
        G.Pair memory p1 = G.pair(1);
        G.Pair memory p2 = G.pair(2);
        bytes32[] memory carried = new bytes32[](3);
        (carried[0], carried[1], carried[2]) = (vh(1), vh(1), vh(2));
        vm.blobhashes(carried);
        SettlementBlobBridge.Blob memory o = SettlementBlobBridge.Blob(
            0,
            bytes.concat(p1.commitment, p1.commitment, p2.commitment),
            bytes.concat(p1.proof, p1.proof, p2.proof)
        );
        vm.prank(OPERATOR);
        vm.expectRevert(abi.encodeWithSelector(P.BlobOpenedTwice.selector, 1, vh(1)));
        bridge.submitBlobBatches(all, 0, "", o);
    }

    function test_aPairWhoseChallengesDifferIsRefused() public {
        uint256[] memory all = aggregateData();
        uint256 z = all[at(0, Z)];
        all[at(1, Z)] = z + 1;
        vm.expectRevert(abi.encodeWithSelector(P.PairChallengesDiffer.selector, 1, z, z + 1));
        submit(all);
    }

    function test_aPairWhoseBlobsDifferIsRefused() public {
        uint256[] memory all = aggregateData();
        all[at(1, VH_HI)] = uint256(vh(2)) >> 128;
        all[at(1, VH_LO)] = uint256(vh(2)) & type(uint128).max;
        vm.expectRevert(abi.encodeWithSelector(P.PairBlobsDiffer.selector, 1));
        submit(all);
    }

    /// Both segments of the first pair name pair 2's blob; the transaction carries pair 1's there
    /// (which opens to their z and y).
    function test_aPairNamingAnotherBlobThanTheCarriedOneIsRefused() public {
        uint256[] memory all = aggregateData();
        for (uint256 i = 0; i < 2; i++) {
            all[at(i, VH_HI)] = uint256(vh(2)) >> 128;
            all[at(i, VH_LO)] = uint256(vh(2)) & type(uint128).max;
        }
        vm.expectRevert(abi.encodeWithSelector(SettlementBlobBridge.WrongBlob.selector, 0, vh(1)));
        submit(all);
    }

    function test_aWrongOpeningIsRefused() public {
        uint256[] memory all = aggregateData();
        uint256 y = addmod(shareOf(all, 0), shareOf(all, 1) + 1, BlobData.BLS_MODULUS);
        setShare(all, 1, shareOf(all, 1) + 1);
        vm.expectRevert(
            abi.encodeWithSelector(BlobData.BlobOpeningRefused.selector, vh(1), all[at(0, Z)], y)
        );
        submit(all);
    }

    function test_anExtraBlobIsRefused() public {
        bytes32[] memory carried = new bytes32[](3);
        (carried[0], carried[1], carried[2]) = (vh(1), vh(2), vh(3));
        vm.blobhashes(carried);
        vm.prank(OPERATOR);
        vm.expectRevert(abi.encodeWithSelector(SettlementBlobBridge.ExtraBlob.selector, 2));
        bridge.submitBlobBatches(aggregateData(), 0, "", openings(2, 4));
    }

    /// NOT a refusal: y_0 + 1 and y_1 - 1 leave the sum, the one value the bridge opens the blob
    /// for, unchanged, so the bridge accepts it. Each inner proof binds its own y_s to its slot's
    /// rows (BindSlot), and the aggregate verifies both inner proofs over these public data: the
    /// aggregate refuses it, and with the accepting stub verifier here nothing does.
    function test_aSumSplitDifferentlyIsTheAggregatesToRefuse() public {
        uint256[] memory all = aggregateData();
        setShare(all, 0, shareOf(all, 0) + 1);
        setShare(all, 1, shareOf(all, 1) - 1);
        submit(all);
        assertEq(bridge.batchCount(), 5);
    }
}
