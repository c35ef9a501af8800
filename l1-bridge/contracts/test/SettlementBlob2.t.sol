// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {BlobData} from "../src/BlobData.sol";
import {BridgeRoles} from "../src/BridgeRoles.sol";
import {IVerifier} from "../src/IVerifier.sol";
import {SettlementBlobBridge} from "../src/SettlementBlobBridge.sol";
import {SettlementData as D} from "../src/SettlementData.sol";
import {SettlementBlobSetUp} from "./SettlementBlobSetUp.sol";
import {SettlementBlobFixture as B} from "./fixtures/SettlementBlobFixture.sol";
import {SettlementBlob2Fixture as B2} from "./fixtures/SettlementBlob2Fixture.sol";
import {SettlementBlob2Verifier} from "./fixtures/SettlementBlob2Verifier.sol";

/// A two-blob bridge (the TinyOwnerBlob2 circuit: Tiny's 2 owner rows in two blobs, one each)
/// accepts the chain's real proofs with both blobs, and refuses the blobs swapped, one missing, an
/// extra one, and another batch's blob in place of one.
contract SettlementBlob2Test is SettlementBlobSetUp {
    uint256 internal constant K = 2;

    function setUp() public override {
        super.setUp();
        deployBlobBridge(IVerifier(address(new SettlementBlob2Verifier())), K);
    }

    /// Batch n's blobs' versioned hashes, in blob order.
    function hashes(uint256 n) internal pure returns (bytes32[] memory) {
        return versionedHashes(B2.batch(n).publicData, K);
    }

    /// Batch n's openings: the blobs at indices 0 and 1.
    function openings(uint256 n) internal pure returns (SettlementBlobBridge.Blob memory) {
        B2.Batch memory b = B2.batch(n);
        return SettlementBlobBridge.Blob(0, b.blobCommitment, b.blobProof);
    }

    function submit(
        uint256[] memory d,
        uint256 c,
        bytes memory proof,
        SettlementBlobBridge.Blob memory blob
    ) internal {
        vm.prank(OPERATOR);
        SettlementBlobBridge(address(bridge)).submitBlobBatch(d, c, proof, blob);
    }

    /// Blob j's 48 bytes of a commitment or proof list.
    function part(bytes memory list, uint256 j) internal pure returns (bytes memory out) {
        out = new bytes(48);
        for (uint256 i = 0; i < 48; i++) {
            out[i] = list[48 * j + i];
        }
    }

    /// The 2-blob fixture shares the 1-blob one's deployment, deposits and layout; its public data
    /// is the 1-blob batch's with a second section, and each batch's two blobs differ.
    function test_theChainSharesTheOneBlobChainsDeployment() public pure {
        assertEq(B2.BRIDGE, B.BRIDGE, "bridge address");
        assertEq(B2.BLOBS, K);
        assertEq(B2.ACCOUNT_ROWS, B.ACCOUNT_ROWS);
        assertEq(keccak256(abi.encode(B2.deposits())), keccak256(abi.encode(B.deposits())));
        uint256 at = D.blobSectionAt(blobLayout());
        for (uint256 n = 1; n <= B2.BATCHES; n++) {
            uint256[] memory d = B2.batch(n).publicData;
            assertEq(d.length, D.blobLength(blobLayout(), K), "length");
            assertEq(d.length, B.batch(n).publicData.length + D.BLOB_SECTION, "one more section");
            for (uint256 i = 0; i < at; i++) {
                assertEq(d[i], B.batch(n).publicData[i]);
            }
            assertTrue(hashes(n)[0] != hashes(n)[1], "the two blobs hold the same data");
            assertEq(B2.batch(n).blobCommitment.length, 48 * K);
        }
    }

    function test_countsItsBlobs() public view {
        assertEq(SettlementBlobBridge(address(bridge)).blobCount(), K);
    }

    /// Each batch with its two blobs: accepted, one OwnerDataBlob per blob in blob order.
    function test_acceptsTheChainsRealProofsWithTheirTwoBlobs() public {
        for (uint256 n = 1; n <= B2.BATCHES; n++) {
            B2.Batch memory b = B2.batch(n);
            vm.blobhashes(hashes(n));
            vm.expectEmit(address(bridge));
            emit SettlementBlobBridge.OwnerDataBlob(n, hashes(n)[0]);
            vm.expectEmit(address(bridge));
            emit SettlementBlobBridge.OwnerDataBlob(n, hashes(n)[1]);
            submit(b.publicData, b.commitment, b.proof, openings(n));
            assertEq(bridge.stateRoot(), b.newRoot);
        }
        assertEq(bridge.batchCount(), B2.BATCHES);
        assertEq(bridge.claimable(B2.batch(2).withdrawals[0].to), B2.batch(2).withdrawals[0].amount);
    }

    /// The transaction carries the two blobs in swapped order, the openings as the public data
    /// lists them: blob 0's opening is not for the blob at index 0.
    function test_refusesTheBlobsCarriedSwapped() public {
        B2.Batch memory b = B2.batch(1);
        bytes32[] memory swapped = new bytes32[](2);
        (swapped[0], swapped[1]) = (hashes(1)[1], hashes(1)[0]);
        vm.blobhashes(swapped);
        vm.expectPartialRevert(BlobData.BlobOpeningRefused.selector);
        submit(b.publicData, b.commitment, b.proof, openings(1));
    }

    /// The two blobs swapped everywhere the bridge looks: carried swapped, the sections and the
    /// openings swapped to match (every opening and versioned hash checks out). The proof, made
    /// for the rows in their order, refuses it.
    function test_refusesTheBlobsSwappedInTheSectionsToo() public {
        B2.Batch memory b = B2.batch(1);
        uint256[] memory d = b.publicData;
        uint256 at = D.blobSectionAt(blobLayout());
        for (uint256 i = 0; i < D.BLOB_SECTION; i++) {
            (d[at + i], d[at + D.BLOB_SECTION + i]) = (d[at + D.BLOB_SECTION + i], d[at + i]);
        }
        bytes32[] memory swapped = new bytes32[](2);
        (swapped[0], swapped[1]) = (hashes(1)[1], hashes(1)[0]);
        vm.blobhashes(swapped);
        SettlementBlobBridge.Blob memory blob = SettlementBlobBridge.Blob(
            0,
            bytes.concat(part(b.blobCommitment, 1), part(b.blobCommitment, 0)),
            bytes.concat(part(b.blobProof, 1), part(b.blobProof, 0))
        );
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        submit(d, b.commitment, b.proof, blob);
    }

    /// The transaction carries blob 0 only.
    function test_refusesAMissingBlob() public {
        B2.Batch memory b = B2.batch(1);
        carry(hashes(1)[0]);
        vm.expectRevert(abi.encodeWithSelector(BlobData.NoBlob.selector, 1));
        submit(b.publicData, b.commitment, b.proof, openings(1));
    }

    /// The batch's two blobs and a third (batch 2's blob 0) after them.
    function test_refusesAnExtraBlob() public {
        B2.Batch memory b = B2.batch(1);
        bytes32[] memory three = new bytes32[](3);
        (three[0], three[1], three[2]) = (hashes(1)[0], hashes(1)[1], hashes(2)[0]);
        vm.blobhashes(three);
        vm.expectRevert(abi.encodeWithSelector(SettlementBlobBridge.ExtraBlob.selector, 2));
        submit(b.publicData, b.commitment, b.proof, openings(1));
    }

    /// Batch 2 with batch 3's blob 1 in place of its own, carried and honestly opened (its section
    /// and opening are batch 3's: the precompile accepts them). The proof of batch 2's rows refuses.
    function test_refusesAnotherBatchsBlob() public {
        B2.Batch memory b = B2.batch(2);
        B2.Batch memory other = B2.batch(3);
        uint256[] memory d = b.publicData;
        uint256 at = D.blobSectionAt(blobLayout()) + D.BLOB_SECTION;
        for (uint256 i = 0; i < D.BLOB_SECTION; i++) {
            d[at + i] = other.publicData[at + i];
        }
        assertTrue(hashes(2)[1] != hashes(3)[1], "batches 2 and 3 share blob 1");
        SettlementBlobBridge.Blob memory blob = SettlementBlobBridge.Blob(
            0,
            bytes.concat(part(b.blobCommitment, 0), part(other.blobCommitment, 1)),
            bytes.concat(part(b.blobProof, 0), part(other.blobProof, 1))
        );
        submitFirst(1);
        bytes32[] memory carried = new bytes32[](2);
        (carried[0], carried[1]) = (hashes(2)[0], hashes(3)[1]);
        vm.blobhashes(carried);
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        submit(d, b.commitment, b.proof, blob);
    }

    /// One opening where the bridge takes two.
    function test_refusesOneOpeningForTwoBlobs() public {
        B2.Batch memory b = B2.batch(1);
        vm.blobhashes(hashes(1));
        SettlementBlobBridge.Blob memory blob =
            SettlementBlobBridge.Blob(0, part(b.blobCommitment, 0), part(b.blobProof, 0));
        vm.expectRevert(
            abi.encodeWithSelector(SettlementBlobBridge.WrongOpeningsLength.selector, K, 48, 48)
        );
        submit(b.publicData, b.commitment, b.proof, blob);
    }

    /// The one-blob circuit's batch (one section) on the two-blob bridge, its blob carried.
    function test_refusesTheOneBlobCircuitsBatch() public {
        B.Batch memory b = B.batch(1);
        carry(versionedHash(1));
        expectWrongLength(D.blobLength(blobLayout(), K), b.publicData.length);
        submit(
            b.publicData,
            b.commitment,
            b.proof,
            SettlementBlobBridge.Blob(0, b.blobCommitment, b.blobProof)
        );
    }

    /// A blob count of 0, or above the account rows (a blob without rows), is refused.
    function test_refusesABlobCountOutOfRange() public {
        IVerifier v = IVerifier(address(new SettlementBlob2Verifier()));
        for (uint256 blobs = 0; blobs <= B2.ACCOUNT_ROWS + 1; blobs += B2.ACCOUNT_ROWS + 1) {
            TimelockController governance = newTimelock();
            vm.expectRevert(
                abi.encodeWithSelector(
                    SettlementBlobBridge.BlobCountOutOfRange.selector, blobs, B2.ACCOUNT_ROWS
                )
            );
            new SettlementBlobBridge(
                token,
                v,
                blobLayout(),
                v,
                EXIT_DEADLINE,
                OPERATOR,
                governance,
                GUARDIAN,
                B2.GENESIS_ROOT,
                GENESIS_MARKETS,
                VERIFY_GAS,
                blobs
            );
        }
    }

    /// Governance cannot install a layout with fewer account rows than the bridge's two blobs.
    function test_refusesANewLayoutWithFewerRowsThanBlobs() public {
        D.Layout memory l = blobLayout();
        l.accountRows = 1;
        IVerifier v = IVerifier(address(new SettlementBlob2Verifier()));
        vm.prank(address(bridge.governance()));
        vm.expectRevert(
            abi.encodeWithSelector(SettlementBlobBridge.BlobCountOutOfRange.selector, K, 1)
        );
        bridge.setVerifier(v, l);
    }

    /// Accepts the chain's first n batches.
    function submitFirst(uint256 n) internal {
        for (uint256 i = 1; i <= n; i++) {
            B2.Batch memory b = B2.batch(i);
            vm.blobhashes(hashes(i));
            submit(b.publicData, b.commitment, b.proof, openings(i));
        }
    }
}
