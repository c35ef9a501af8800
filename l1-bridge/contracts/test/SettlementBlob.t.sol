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
import {SettlementBlobVerifier} from "./fixtures/SettlementBlobVerifier.sol";
import {SettlementOwnerFixture as O} from "./fixtures/SettlementOwnerFixture.sol";

/// A blob bridge accepts the TinyOwnerBlob chain's real proofs with each batch's blob, and refuses
/// a batch without its blob, with another blob, with a wrong y, and the calldata circuit's batch.
contract SettlementBlobTest is SettlementBlobSetUp {
    function setUp() public override {
        super.setUp();
        deployBlobBridge();
    }

    function submitBlob(uint256[] memory d, uint256 c, bytes memory proof, uint256 blobOf)
        internal
    {
        vm.prank(OPERATOR);
        (bool ok, bytes memory reason) = address(bridge).call(submission(d, c, proof, blobOf));
        if (!ok) {
            assembly {
                revert(add(reason, 32), mload(reason))
            }
        }
    }

    /// The set-up queues the owner fixture's deposits at the owner fixture's bridge address: the
    /// blob fixture is signed for the same deployer, address, deposits and layout.
    function test_theChainSharesTheOwnerChainsDeploymentAndDeposits() public pure {
        assertEq(B.DEPLOYER, O.DEPLOYER, "deployer");
        assertEq(B.BRIDGE, O.BRIDGE, "bridge address");
        assertEq(keccak256(abi.encode(B.deposits())), keccak256(abi.encode(O.deposits())));
        assertEq(keccak256(abi.encode(blobLayout())), keccak256(abi.encode(ownerLayout())));
    }

    /// The blob public data is the owner fixture's with the 26 row elements replaced by the 5 of
    /// the blob section; the header and the rest are the same batch's.
    function test_theBlobSectionReplacesTheRows() public pure {
        for (uint256 n = 1; n <= B.BATCHES; n++) {
            uint256[] memory d = B.batch(n).publicData;
            uint256[] memory owner = O.batch(n).publicData;
            assertEq(d.length, D.blobLength(blobLayout(), 1));
            assertEq(
                owner.length - D.OWNER_ROW * O.ACCOUNT_ROWS + D.BLOB_SECTION, d.length, "length"
            );
            for (uint256 i = 0; i < D.blobSectionAt(blobLayout()); i++) {
                assertEq(d[i], owner[i]);
            }
            assertEq(uint8(versionedHash(n)[0]), 1, "a KZG versioned hash starts with 0x01");
        }
    }

    function test_acceptsTheChainsRealProofsWithTheirBlobs() public {
        for (uint256 n = 1; n <= B.BATCHES; n++) {
            B.Batch memory b = B.batch(n);
            carry(versionedHash(n));
            vm.expectEmit(address(bridge));
            emit SettlementBlobBridge.OwnerDataBlob(n, versionedHash(n));
            submitBlob(b.publicData, b.commitment, b.proof, n);
            assertEq(bridge.stateRoot(), b.newRoot);
        }
        assertEq(bridge.batchCount(), B.BATCHES);
        assertEq(bridge.claimable(B.batch(2).withdrawals[0].to), B.batch(2).withdrawals[0].amount);
    }

    /// What a node reads at start to tell the two kinds apart (their layouts read the same): this
    /// bridge takes blob batches (SettlementOwnerDataTest: the calldata bridge of the layout says
    /// it does not).
    function test_saysItTakesBlobBatches() public view {
        assertTrue(bridge.blobBatches());
    }

    function test_refusesABatchWithoutItsBlob() public {
        B.Batch memory b = B.batch(1);
        vm.expectRevert(abi.encodeWithSelector(BlobData.NoBlob.selector, 0));
        submitBlob(b.publicData, b.commitment, b.proof, 1);
    }

    /// The transaction carries batch 2's blob, the batch names batch 1's and opens batch 1's: the
    /// carried blob's versioned hash is not the opening's commitment's.
    function test_refusesAnotherCarriedBlob() public {
        B.Batch memory b = B.batch(1);
        carry(versionedHash(2));
        vm.expectPartialRevert(BlobData.BlobOpeningRefused.selector);
        submitBlob(b.publicData, b.commitment, b.proof, 1);
    }

    /// Batch 1 with batch 2's blob section and blob, honestly opened (the precompile accepts it):
    /// the proof, made for batch 1's rows, is not valid for that blob.
    function test_refusesTheProofForAnotherBlob() public {
        B.Batch memory b = B.batch(1);
        uint256[] memory d = b.publicData;
        uint256[] memory other = B.batch(2).publicData;
        uint256 at = D.blobSectionAt(blobLayout());
        for (uint256 i = at; i < at + D.BLOB_SECTION; i++) {
            d[i] = other[i];
        }
        carry(versionedHash(2));
        vm.expectRevert(BridgeRoles.InvalidProof.selector);
        submitBlob(d, b.commitment, b.proof, 2);
    }

    /// The carried blob is batch 1's and opens at its z and y, but the public data names batch
    /// 2's versioned hash.
    function test_refusesAVersionedHashThatIsNotTheCarriedBlobs() public {
        B.Batch memory b = B.batch(1);
        uint256[] memory d = b.publicData;
        uint256 at = D.blobSectionAt(blobLayout());
        d[at] = B.batch(2).publicData[at];
        d[at + 1] = B.batch(2).publicData[at + 1];
        carry(versionedHash(1));
        vm.expectRevert(
            abi.encodeWithSelector(SettlementBlobBridge.WrongBlob.selector, 0, versionedHash(1))
        );
        submitBlob(d, b.commitment, b.proof, 1);
    }

    function test_refusesAWrongY() public {
        B.Batch memory b = B.batch(1);
        uint256[] memory d = b.publicData;
        d[D.blobSectionAt(blobLayout()) + 4] += 1; // y's low half
        carry(versionedHash(1));
        vm.expectPartialRevert(BlobData.BlobOpeningRefused.selector);
        submitBlob(d, b.commitment, b.proof, 1);
    }

    /// A wrong y the precompile cannot see: the proof's public inputs bind the whole public data.
    function test_refusesAWrongZ() public {
        B.Batch memory b = B.batch(1);
        uint256[] memory d = b.publicData;
        d[D.blobSectionAt(blobLayout()) + 2] += 1;
        carry(versionedHash(1));
        vm.expectPartialRevert(BlobData.BlobOpeningRefused.selector);
        submitBlob(d, b.commitment, b.proof, 1);
    }

    /// The calldata circuit's batch (owner rows in the public data, proven by the -owner circuit)
    /// submitted as a blob batch, with batch 1's blob carried: not the blob layout.
    function test_refusesTheCalldataCircuitsBatch() public {
        O.Batch memory o = O.batch(1);
        carry(versionedHash(1));
        expectWrongLength(D.blobLength(blobLayout(), 1), o.publicData.length);
        submitBlob(o.publicData, o.commitment, o.proof, 1);
    }

    /// A blob batch submitted without a blob, as SettlementBridge takes batches.
    function test_refusesABatchWithoutBlobThroughSubmitBatch() public {
        B.Batch memory b = B.batch(1);
        vm.prank(OPERATOR);
        vm.expectRevert(SettlementBlobBridge.BlobBatchesOnly.selector);
        bridge.submitBatch(b.publicData, b.commitment, b.proof);
    }

    function test_refusesSomeoneOtherThanTheOperator() public {
        B.Batch memory b = B.batch(1);
        carry(versionedHash(1));
        vm.expectPartialRevert(BridgeRoles.NotOperator.selector);
        SettlementBlobBridge(address(bridge))
            .submitBlobBatch(b.publicData, b.commitment, b.proof, opening(1));
    }

    function test_refusesALayoutWithoutAccountRows() public {
        D.Layout memory l = blobLayout();
        l.accountRows = 0;
        IVerifier v = IVerifier(address(new SettlementBlobVerifier()));
        TimelockController governance = newTimelock();
        vm.expectRevert(
            abi.encodeWithSelector(SettlementBlobBridge.NotABlobLayout.selector, 0, false)
        );
        new SettlementBlobBridge(
            token,
            v,
            l,
            v,
            EXIT_DEADLINE,
            OPERATOR,
            governance,
            GUARDIAN,
            B.GENESIS_ROOT,
            GENESIS_MARKETS,
            VERIFY_GAS,
            1
        );
    }

    /// Batch 1 with its blob, and a second blob after it: a one-blob bridge refuses blobs it does
    /// not bind.
    function test_refusesAnExtraBlob() public {
        B.Batch memory b = B.batch(1);
        bytes32[] memory hashes = new bytes32[](2);
        (hashes[0], hashes[1]) = (versionedHash(1), versionedHash(2));
        vm.blobhashes(hashes);
        vm.expectRevert(abi.encodeWithSelector(SettlementBlobBridge.ExtraBlob.selector, 1));
        submitBlob(b.publicData, b.commitment, b.proof, 1);
    }
}
